// Splits the report's text into its parts, each heading as printed and each part whole, in order,
// once. Candidate headings (section-headings.ts) are mapped to the six canonical parts by the best
// order-keeping alignment of their titles with the parts' titles, so a renumbered or non-standard
// outline (上海市科委: 一…六 of its own, then 一、主动公开… renumbered) still maps, and its other
// headings are kept as printed, without a part. A run numbered from 一 again inside a part is that
// part's sub-outline, not new parts; a part with no printed heading (a report that starts straight
// with （一）) gets an empty heading; （一）-headings stand at the top only where part 五 has no heading.
import type { Section, Template } from '../document/types.ts';
import { bestPartSimilarity, scanHeadings, type HeadingCandidate } from './section-headings.ts';

/** A heading maps to a part only this alike (Dice of character pairs) — plus 0.15 when its numeral is the part's. */
const MIN_SIMILARITY = 0.4;
const NUMERAL_BONUS = 0.15;

function score(c: HeadingCandidate, part: number): number {
  if (c.sub) return 0;
  const similarity = bestPartSimilarity(c.title, part);
  if (similarity < MIN_SIMILARITY) return 0;
  return similarity + (c.numeral === part ? NUMERAL_BONUS : 0);
}

/** The order-keeping assignment of parts 1..6 to candidates with the highest total score. */
function alignParts(candidates: HeadingCandidate[]): Map<number, number> {
  const n = candidates.length;
  // best[i][p]: best total using candidates from i on and parts from p on.
  const best = Array.from({ length: n + 1 }, () => new Array<number>(8).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let p = 6; p >= 1; p--) {
      const take = score(candidates[i], p) > 0 ? score(candidates[i], p) + best[i + 1][p + 1] : 0;
      best[i][p] = Math.max(best[i + 1][p], best[i][p + 1], take);
    }
  }
  const chosen = new Map<number, number>();
  let i = 0;
  let p = 1;
  while (i < n && p <= 6) {
    const s = score(candidates[i], p);
    if (s > 0 && Math.abs(best[i][p] - (s + best[i + 1][p + 1])) < 1e-9) {
      chosen.set(i, p);
      i++;
      p++;
    } else if (Math.abs(best[i][p] - best[i + 1][p]) < 1e-9) i++;
    else p++;
  }
  return chosen;
}

/** A heading printed twice with nothing between but short lines (a stray copy above the title): the first goes. */
function dropRepeats(candidates: HeadingCandidate[], pieces: string[]): HeadingCandidate[] {
  return candidates.filter((c, k) => {
    const next = candidates[k + 1];
    if (!next || next.heading.replace(/\s/g, '') !== c.heading.replace(/\s/g, '')) return true;
    return pieces.slice(c.piece + 1, next.piece).some((p) => p.length > 40);
  });
}

/** Which candidates stand at the top: mapped parts, and other numbered headings unless they restart at 一 inside a part. */
function topLevel(candidates: HeadingCandidate[], parts: Map<number, number>): number[] {
  const top: number[] = [];
  let nested = false;
  candidates.forEach((c, i) => {
    if (parts.has(i)) {
      top.push(i);
      nested = false;
      return;
    }
    if (c.sub) return;
    const previous = top.length ? candidates[top[top.length - 1]] : null;
    if (previous && parts.has(top[top.length - 1]) && c.numeral === 1 && !nested) nested = true;
    if (!nested) top.push(i);
  });
  return promoteSubHeadings(candidates, parts, top);
}

/** With no heading for part 五, the （一）…（二） headings between part 四 and the next heading stand at the top (上海市科委). */
function promoteSubHeadings(candidates: HeadingCandidate[], parts: Map<number, number>, top: number[]): number[] {
  if ([...parts.values()].includes(5)) return top;
  const four = [...parts.entries()].find(([, p]) => p === 4)?.[0];
  if (four === undefined) return top;
  const nextTop = top.find((i) => i > four) ?? candidates.length;
  const subs = candidates.map((c, i) => ({ c, i })).filter(({ c, i }) => c.sub && i > four && i < nextTop);
  if (!subs.length || !subs.some(({ c }) => /问题|改进/.test(c.title))) return top;
  return [...top, ...subs.map(({ i }) => i)].sort((a, b) => a - b);
}

/** The report's sections; legacy (2008-rules) reports keep their printed headings without parts. */
export function splitSections(text: string, template: Template | null = null): Section[] {
  const scan = scanHeadings(text);
  const candidates = dropRepeats(scan.candidates, scan.pieces);
  const parts = template === 'legacy' ? new Map<number, number>() : alignParts(candidates);
  const tops = template === 'legacy' ? candidates.map((c, i) => (c.sub ? -1 : i)).filter((i) => i >= 0) : topLevel(candidates, parts);
  const sections: Section[] = [];
  const firstPart = Math.min(...parts.values());
  // Part 一 printed without its heading: the text before the first heading (after the title) is part 1.
  if (parts.size && firstPart > 1 && tops.length) {
    const before = scan.pieces.slice(0, candidates[tops[0]].piece).filter((p) => !/年度报告$|^\S{0,20}(人民政府|办事处|局|委员会)$/.test(p));
    if (before.some((p) => p.length > 20)) sections.push({ heading: '', text: before.join('\n'), part: 1 });
  }
  tops.forEach((ci, k) => {
    const c = candidates[ci];
    const end = k + 1 < tops.length ? candidates[tops[k + 1]].piece : scan.pieces.length;
    const body = scan.pieces.slice(c.piece + 1, end).join('\n');
    const part = parts.get(ci);
    sections.push({ heading: c.heading, text: body, ...(part ? { part } : {}) });
  });
  return sections;
}
