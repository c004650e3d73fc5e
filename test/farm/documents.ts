// The reports the farm serves: the real seed reports (as HTML rendered from their text, in organ
// and year variants), the real corpus PDFs and texts, and the fixtures rendered into other formats.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rowsFromText } from '../../parsers/document/text-rows.ts';

/** The repository root, found from here whether this runs from source or compiled into dist/. */
function repositoryRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repositoryRoot(import.meta.dirname);
/** ../shared beside the repository: the seed reports and the corpus. */
export const SHARED = join(ROOT, '..', 'shared');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'seeds');

export const SEEDS = {
  daying: '000_9fdddd81a4dc62c5',
  tuanba: '001_46e25f98fd9935f9',
  jiuyuan: '002_03ef826aa882f677',
  muye: '003_d677def7845cc038',
  songzhuang: '004_6dd11e94be6ffc3a',
} as const;
export type SeedName = (typeof SEEDS)[keyof typeof SEEDS];

interface SeedAnswer {
  organ: string;
  year: number;
  template: '2021' | '2019';
}

export function seedAnswer(seed: SeedName): SeedAnswer {
  return JSON.parse(readFileSync(join(SHARED, 'spec', 'expected', `${seed}.json`), 'utf8')) as SeedAnswer;
}

export interface RenderedReport {
  organ: string;
  year: number;
  template: '2021' | '2019' | 'legacy';
  title: string;
  /** The article body: paragraphs and tables. */
  bodyHtml: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text → markup: runs of multi-cell rows become a <table>, other lines paragraphs with Word noise. */
export function textToHtml(text: string): string {
  const out: string[] = [];
  let table: string[] = [];
  const flush = () => {
    if (table.length) out.push(`<table border="1" cellspacing="0" style="border-collapse:collapse">${table.join('')}</table>`);
    table = [];
  };
  for (const row of rowsFromText(text)) {
    if (row.cells.length >= 2) {
      table.push(`<tr>${row.cells.map((c) => `<td valign="center"><p align="center"><span style="font-size:10.5pt">${escapeHtml(c.text) || '&nbsp;'}</span></p></td>`).join('')}</tr>`);
    } else {
      flush();
      out.push(`<p style="text-indent:2em"><span style="font-family:仿宋_GB2312">${escapeHtml(row.cells[0].text)}</span><o:p></o:p></p>`);
    }
  }
  flush();
  return out.join('\n');
}

/** A seed report, optionally as another organ and year (the figures stay the seed's). */
export function seedReport(seed: SeedName, variant: { organ?: string; year?: number } = {}): RenderedReport {
  const answer = seedAnswer(seed);
  let text = readFileSync(join(SHARED, 'seeds', `${seed}.txt`), 'utf8');
  const organ = variant.organ ?? answer.organ;
  const year = variant.year ?? answer.year;
  if (variant.organ) text = text.split(answer.organ).join(variant.organ);
  if (variant.year) text = text.replace(new RegExp(`${answer.year}(\\s*)年`, 'g'), `${year}$1年`);
  return { organ, year, template: answer.template, title: `${organ}${year}年政府信息公开工作年度报告`, bodyHtml: textToHtml(text) };
}

/** A real report kept as text in the corpus (legacy Pingtan reports, the Shuyang Markdown). */
export function corpusTextReport(relativePath: string, organ: string, year: number, template: RenderedReport['template']): RenderedReport {
  const raw = readFileSync(join(SHARED, 'corpus', 'peers', relativePath), 'utf8');
  // Drop the crawler header of the Pingtan copies (标题:, 栏目: …) and Markdown table rules.
  const body = raw.split('\n').filter((l) => !/^(标题|栏目|本地目录|来源|发布时间|链接|URL)\s*[:：]/.test(l) && !/^\s*\|?\s*-{3,}/.test(l));
  return { organ, year, template, title: `${organ}${year}年政府信息公开工作年度报告`, bodyHtml: textToHtml(body.join('\n')) };
}

/** Bytes of a real corpus file. */
export function corpusFile(relativePath: string): Buffer {
  return readFileSync(join(SHARED, 'corpus', 'peers', relativePath));
}

/** A fixture rendered from a seed (pdf, docx, doc, wps, scan.pdf), if the fixtures have been made. */
export function seedFixture(seed: SeedName, extension: string): Buffer | null {
  const path = join(FIXTURES, `${seed}.${extension}`);
  return existsSync(path) ? readFileSync(path) : null;
}

/** Which fixture extensions exist for a seed (for the farm's notes). */
export function fixtureExtensions(seed: SeedName): string[] {
  if (!existsSync(FIXTURES)) return [];
  return readdirSync(FIXTURES).filter((f) => f.startsWith(`${seed}.`)).map((f) => f.slice(seed.length + 1));
}
