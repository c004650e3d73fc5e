// Finds the report's title, organ, statistics year, publication date and region in its text and
// its container's metadata (HTML meta tags, PDF info).
import type { ExtractedDocument } from '../document/types.ts';

export interface ReportMetadata {
  title: string | null;
  organ: string | null;
  year: number | null;
  publishedDate: string | null;
  /** Where the date was read (`page: 发布日期`, `document: date at the end`, `meta: PubDate`). */
  publishedDateSource: string | null;
  regionCode: string | null;
  /** Why this is not a report, when the title says so (a format notice, half-year statistics…). */
  notAReport?: string;
}

const REPORT_WORDS = /(政府)?信息公开(工作)?(年度)?(工作)?(情况)?(的)?(年度)?报告/;
const TITLE = /^(.*?)((?:19|20)\d{2})\s*年\s*度?\s*(.*?)(?:政府|政务)?信息公开/;
const LOOKALIKE = /格式.*通知|编制.*通知|做好.*年度报告|印发|上半年|半年|季度|指南|目录|制度/;
const ORGAN_SUFFIX = /(人民政府|政府|办事处|街道|委员会|管委会|局|委|办|办公室|中心|镇|乡|县|区|市|院|所|厅|队|站|公司|部)$/;

function compact(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}

function cleanOrgan(raw: string): string | null {
  const organ = compact(raw)
    .replace(/^[#*\-]+/, '')
    .replace(/^.*?[一二三四五六七八九十][、.．](总体情况|概述)/, '')
    .replace(/^(关于|标题[:：])/, '')
    .replace(/[（(【\[《<]+$/, '')
    .replace(/[的关于]+$/, '');
  return organ.length >= 2 && organ.length <= 40 ? organ : null;
}

interface TitleHit {
  title: string;
  organ: string | null;
  year: number;
}

function titleFromLine(line: string, previous: string | undefined): TitleHit | null {
  const text = compact(line).replace(/^#+/, '').replace(/^标题[:：]/, '');
  if (!REPORT_WORDS.test(text) || text.length > 80) return null;
  const match = text.match(TITLE);
  if (!match) return null;
  const year = Number(match[2]);
  let organ = cleanOrgan(match[1]) ?? cleanOrgan(match[3]);
  let title = text;
  if (!organ && previous && ORGAN_SUFFIX.test(compact(previous)) && compact(previous).length <= 30) {
    organ = cleanOrgan(previous);
    title = compact(previous) + text;
  }
  return { title, organ, year };
}

/** The organ and year a one-line report title names (a link's text, a file name), or null. */
export function organYearOfTitle(line: string): { organ: string | null; year: number } | null {
  const hit = LOOKALIKE.test(compact(line)) ? null : titleFromLine(line, undefined);
  return hit ? { organ: hit.organ, year: hit.year } : null;
}

/** The first line that reads like a report title, with the organ from it or the line before. */
function findTitle(lines: string[]): TitleHit | null {
  const nonEmpty = lines.map((l) => l.trim()).filter(Boolean).slice(0, 60);
  for (let i = 0; i < nonEmpty.length; i++) {
    const hit = titleFromLine(nonEmpty[i], nonEmpty[i - 1]);
    if (hit) return hit;
  }
  // A title may wrap: "2024年上海市科委政府信息公开工作" / "年度报告".
  for (let i = 0; i + 1 < nonEmpty.length; i++) {
    const hit = titleFromLine(nonEmpty[i] + nonEmpty[i + 1], nonEmpty[i - 1]);
    if (hit) return hit;
  }
  return null;
}

function yearFromPeriod(text: string): number | null {
  const period = compact(text).match(/统计期限?[为自从]?((?:19|20)\d{2})年1月1日/);
  return period ? Number(period[1]) : null;
}

function isoDate(y: string, m: string, d: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** A publication date and where it was read. */
interface DateFound {
  date: string;
  source: string;
}

/** Labels of printed dates, most telling first; a page's regeneration time (页面生成时间) is no publication date. */
const DATE_LABELS = ['发布日期', '发布时间', '發布日期', '發布時間', '公开日期', '成文日期', '印发日期', '生成日期', '日期'];
const LABELLED_LINE = /(发布日期|发布时间|發布日期|發布時間|公开日期|成文日期|印发日期|生成日期|日期)\s*[:：]?\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/;
const PRINTED_DATE = /((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/;

function labelRank(label: string): number {
  const i = DATE_LABELS.indexOf(label);
  return i < 0 ? DATE_LABELS.length : i;
}

/** A date printed with a label: on the page around the report (HTML), or in the first or last lines of the text. */
function labelledDate(doc: ExtractedDocument, lines: string[]): DateFound | null {
  const found: { label: string; date: string; where: string }[] = (doc.pageDates ?? []).map((d) => ({ ...d, where: 'page' }));
  for (const line of [...lines.slice(0, 15), ...lines.slice(-15)]) {
    const m = line.match(LABELLED_LINE);
    if (m && !/页面生成/.test(line) && line.length <= 80) found.push({ label: m[1], date: isoDate(m[2], m[3], m[4]), where: 'text' });
  }
  const usable = found.filter((d) => !/页面生成/.test(d.label));
  if (!usable.length) return null;
  const best = usable.sort((a, b) => labelRank(a.label) - labelRank(b.label))[0];
  return { date: best.date, source: `${best.where === 'page' ? 'page' : 'document'}: ${best.label}` };
}

/** A line that is a date on its own, or an organ's name and a date (a signature); not a period (自…至…). */
function dateLine(line: string): RegExpMatchArray | null {
  const m = line.match(PRINTED_DATE);
  if (!m) return null;
  const rest = line.replace(m[0], '').replace(/[（()）\s]/g, '');
  return rest.length <= 25 && !/[自至起止]|截至|期限|统计|年度|[，。；]/.test(rest) ? m : null;
}

/** The date printed at the end of the report (the signature), else one printed under its title. */
function printedDate(lines: string[]): DateFound | null {
  for (const line of lines.slice(-12).reverse()) {
    const m = dateLine(line);
    if (m) return { date: isoDate(m[1], m[2], m[3]), source: 'document: date at the end' };
  }
  for (const line of lines.slice(0, 8)) {
    const m = dateLine(line);
    if (m) return { date: isoDate(m[1], m[2], m[3]), source: 'document: date under the title' };
  }
  return null;
}

/**
 * The publication date: a date the page or document prints (UCAP sites regenerate their PubDate meta,
 * so a printed date wins when both exist), else the PubDate meta tag. Never a file's creation date
 * (a PDF's CreationDate is when it was made, and for pages rendered on the fly the day of the crawl).
 */
function findPublishedDate(doc: ExtractedDocument): DateFound | null {
  const lines = doc.text.split('\n').map(compact).filter(Boolean);
  const printed = labelledDate(doc, lines) ?? printedDate(lines);
  if (printed) return printed;
  const name = ['PubDate', 'pubdate', 'publishdate', 'PublishDate'].find((n) => doc.meta[n]);
  const metaMatch = name ? doc.meta[name].match(/((?:19|20)\d{2})[-/年.]?(\d{1,2})[-/月.]?(\d{1,2})/) : null;
  return metaMatch ? { date: isoDate(metaMatch[1], metaMatch[2], metaMatch[3]), source: `meta: ${name}` } : null;
}

function findRegionCode(doc: ExtractedDocument): string | null {
  const code = doc.meta.SiteIDCode ?? doc.meta.siteidcode;
  const digits = code?.match(/^\d{6}/)?.[0];
  return digits && digits !== '000000' ? digits : null;
}

export function readMetadata(doc: ExtractedDocument): ReportMetadata {
  const lines = doc.text.split('\n');
  const candidates = [doc.containerTitle, doc.meta.ArticleTitle].filter((t): t is string => Boolean(t));
  const fromContainer = candidates.map((t) => titleFromLine(t, undefined)).find(Boolean) ?? null;
  const fromText = findTitle(lines);
  const hit = fromText ?? fromContainer;
  const title = hit?.title ?? candidates[0] ?? null;
  const organFromMeta = doc.meta.ContentSource ? cleanOrgan(doc.meta.ContentSource) : null;
  const date = findPublishedDate(doc);
  const result: ReportMetadata = {
    title,
    organ: hit?.organ ?? fromContainer?.organ ?? organFromMeta,
    year: hit?.year ?? yearFromPeriod(doc.text),
    publishedDate: date?.date ?? null,
    publishedDateSource: date?.source ?? null,
    regionCode: findRegionCode(doc),
  };
  if (title && LOOKALIKE.test(compact(title)) && !hit) result.notAReport = `the title "${title}" is not an annual report`;
  if (title && hit && LOOKALIKE.test(compact(title).replace(/年度报告$/, ''))) {
    result.notAReport = `the title "${title}" names a notice or another document, not an annual report`;
  }
  return result;
}
