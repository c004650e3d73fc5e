// "Did you mean …?" for a mistyped command, verb or option: the closest known word by edit
// distance, when it is close enough to be a typo rather than another word.

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b`: 'lsit' is one from 'list'. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The known word closest to `typed`, or undefined when none is plausibly meant. */
export function closest(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of known) {
    const distance = word.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, word);
    if (distance < bestDistance) { best = word; bestDistance = distance; }
  }
  return bestDistance <= (typed.length <= 3 ? 1 : Math.max(2, Math.floor(typed.length / 3))) ? best : undefined;
}

/** ` (did you mean 'x'?)`, or nothing. */
export function didYouMean(typed: string, known: string[], prefix = ''): string {
  const match = closest(typed, known);
  return match ? ` (did you mean '${prefix}${match}'?)` : '';
}
