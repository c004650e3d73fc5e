// Finds the report's title, organ, statistics year, publication date and region in its text and
// its container's metadata (HTML meta tags, PDF info).
import type { ExtractedDocument } from '../document/types.ts';

export interface ReportMetadata {
  title: string | null;
  organ: string | null;
  year: number | null;
  publishedDate: string | null;
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

/** A date in the meta tags, else the last date written at the end of the report (the signature). */
function findPublishedDate(doc: ExtractedDocument): string | null {
  const fromMeta = doc.meta.PubDate ?? doc.meta.pubdate ?? doc.meta.publishdate ?? doc.meta.CreationDate;
  const metaMatch = fromMeta?.match(/((?:19|20)\d{2})[-/年.]?(\d{1,2})[-/月.]?(\d{1,2})/);
  if (metaMatch) return isoDate(metaMatch[1], metaMatch[2], metaMatch[3]);
  const lines = doc.text.split('\n').map(compact).filter(Boolean);
  const tail = lines.slice(-12).reverse();
  for (const line of [...tail, ...lines.slice(0, 8)]) {
    const m = line.match(/((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/);
    if (m && line.length <= 40) return isoDate(m[1], m[2], m[3]);
  }
  return null;
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
  const result: ReportMetadata = {
    title,
    organ: hit?.organ ?? fromContainer?.organ ?? organFromMeta,
    year: hit?.year ?? yearFromPeriod(doc.text),
    publishedDate: findPublishedDate(doc),
    regionCode: findRegionCode(doc),
  };
  if (title && LOOKALIKE.test(compact(title)) && !hit) result.notAReport = `the title "${title}" is not an annual report`;
  if (title && hit && LOOKALIKE.test(compact(title).replace(/年度报告$/, ''))) {
    result.notAReport = `the title "${title}" names a notice or another document, not an annual report`;
  }
  return result;
}
