// "Did you mean …?" for a mistyped command, verb or option: the closest known word by edit
// distance, when it is close enough to be a typo rather than another word.

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/** The known word closest to `typed`, or undefined when none is plausibly meant. */
export function closest(typed: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const word of known) {
    const distance = word.startsWith(typed) && typed.length >= 3 ? 1 : editDistance(typed, word);
    if (distance < bestDistance) { best = word; bestDistance = distance; }
  }
  return bestDistance <= Math.max(1, Math.floor(typed.length / 3)) ? best : undefined;
}

/** ` (did you mean 'x'?)`, or nothing. */
export function didYouMean(typed: string, known: string[], prefix = ''): string {
  const match = closest(typed, known);
  return match ? ` (did you mean '${prefix}${match}'?)` : '';
}
