// Choosing the best of several parses of the same report (an HTML page and its PDF attachment,
// two versions of a file): pure ranking, with the reason in words.

/** What the ranking looks at for one candidate parse. */
export interface Candidate {
  parseId: number;
  captureId: number;
  url: string;
  format: string | null;
  template: string | null;
  checksFailed: number;
  fieldsFilled: number;
  confidence: number | null;
}

interface Criterion {
  name: string;
  /** Higher is better. */
  score(c: Candidate): number;
  describe(winner: Candidate, loser: Candidate): string;
}

const criteria: Criterion[] = [
  {
    name: 'template',
    score: (c) => (c.template === '2021' || c.template === '2019' ? 2 : c.template === 'legacy' ? 1 : 0),
    describe: (w, l) => `template known (${w.template} vs ${l.template ?? 'none'})`,
  },
  {
    name: 'checks',
    score: (c) => -c.checksFailed,
    describe: (w, l) => `fewer failing checks (${w.checksFailed} vs ${l.checksFailed})`,
  },
  {
    name: 'fields',
    score: (c) => c.fieldsFilled,
    describe: (w, l) => `more fields with a figure (${w.fieldsFilled} vs ${l.fieldsFilled})`,
  },
  {
    name: 'confidence',
    score: (c) => c.confidence ?? 0,
    describe: (w, l) => `higher confidence (${w.confidence} vs ${l.confidence})`,
  },
  {
    // A tie keeps the source found first, so re-running a selection never flips between equals.
    name: 'first found',
    score: (c) => -c.captureId,
    describe: () => 'equal on template, checks, fields and confidence; found first',
  },
];

function compare(a: Candidate, b: Candidate): { order: number; criterion: Criterion } {
  for (const criterion of criteria) {
    const diff = criterion.score(b) - criterion.score(a);
    if (diff !== 0) return { order: diff, criterion };
  }
  return { order: a.parseId - b.parseId, criterion: criteria[criteria.length - 1] };
}

function label(c: Candidate): string {
  return `capture ${c.captureId} (${c.format ?? '?'}, ${c.url})`;
}

/** Orders candidates best first and explains why the first won over each of the others. */
export function rankCandidates(candidates: Candidate[]): { ranked: Candidate[]; why: string } {
  if (candidates.length === 0) throw new Error('rankCandidates needs at least one candidate');
  const ranked = [...candidates].sort((a, b) => compare(a, b).order);
  const [best, ...rest] = ranked;
  if (rest.length === 0) return { ranked, why: `only source: ${label(best)}` };
  const reasons = rest.map((other) => `over ${label(other)}: ${compare(best, other).criterion.describe(best, other)}`);
  return { ranked, why: `${label(best)} chosen ${reasons.join('; ')}` };
}
