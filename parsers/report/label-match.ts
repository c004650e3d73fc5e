// Matches a printed row label that the keyword rules miss against the template's own labels
// (fields.tsv): annotations in brackets are dropped (`规章（设区的市、自治州人民政府应提供相关数据）`),
// and a real typo (`属于三类内容事务信息`) is matched by edit distance — only when one template label
// is clearly nearest (a margin over the second), so a label is never given to the wrong row.
import { FIELD_SPECS } from './fields.ts';

/** Drops bracketed notes of four characters or more (not numbering like （一）) and ASCII-bracket notes. */
export function withoutAnnotations(label: string): string {
  return label.replace(/（[^（）]{4,}）/g, '').replace(/\([^()]{4,}\)/g, '');
}

/** The leaf of a label: no group heading (（三）不予公开), no numbering (1. / 一、 / （一）). */
function leaf(label: string): string {
  return label
    .replace(/^三本年度办理结果/, '')
    .replace(/^（[一二三四五六七]）(不予公开|无法提供|不予处理|其他处理)(?=\d)/, '')
    .replace(/^(（[一二三四五六七八九十]+）|[一二三四五六七八九十]+(?=[^一二三四五六七八九十])|\d+)/, '');
}

/** Two rows of the edit-distance table, reused: labels are short (under 60 characters). */
let previous = new Uint16Array(64);
let current = new Uint16Array(64);

/** Levenshtein distance; 99 when the lengths alone differ by more than 4. */
function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 4) return 99;
  if (previous.length <= b.length) {
    previous = new Uint16Array(b.length + 1);
    current = new Uint16Array(b.length + 1);
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ai === b.charCodeAt(j - 1) ? 0 : 1));
    }
    const done = previous;
    previous = current;
    current = done;
  }
  return previous[b.length];
}

const normalise = (t: string) => t.replace(/[\s\u3000\u00a0]+/g, '').replace(/[(（]/g, '（').replace(/[)）]/g, '）').replace(/[“”"‘’'「」,，、.．:：;；]/g, '');

/** Template labels of table "applications" by row id, as leaves (属于国家秘密). */
const APPLICATION_LABELS: [string, string][] = [...new Map(FIELD_SPECS.filter((f) => f.table === 'applications').map((f) => {
  const id = f.key.split('.')[1];
  return [id, leaf(normalise(withoutAnnotations(f.rowLabel.split(' ').pop() ?? f.rowLabel)))] as [string, string];
})).entries()].filter(([, label]) => label.length >= 4);

/** Answers already given: the same labels come back on every page and in every report of a crawl. */
const nearestOf = new Map<string, string | null>();

/** The row id whose template label is nearest the printed one, if it is near enough and clearly nearest. */
export function nearestApplicationRow(normalisedLabel: string): string | null {
  let answer = nearestOf.get(normalisedLabel);
  if (answer === undefined) {
    if (nearestOf.size >= 10_000) nearestOf.clear();
    answer = rankApplicationRows(normalisedLabel);
    nearestOf.set(normalisedLabel, answer);
  }
  return answer;
}

function rankApplicationRows(normalisedLabel: string): string | null {
  const printed = leaf(withoutAnnotations(normalisedLabel));
  if (printed.length < 4 || printed.length > 50) return null;
  const ranked = APPLICATION_LABELS.map(([id, label]) => ({ id, d: distance(printed, label) })).sort((a, b) => a.d - b.d);
  const [best, second] = ranked;
  const allowed = Math.max(1, Math.floor(printed.length / 6));
  return best && best.d <= allowed && (!second || second.d >= best.d + 2) ? best.id : null;
}
