// Search snippets: the sentence around a match. A report names its section headings ("（二）依申请
// 公开情况") before the sentences that use the same words, so a window around the first occurrence
// shows the same heading for every report; the first occurrence inside a real sentence is preferred.

const SENTENCE_ENDS = ['。', '；', '\n', '！', '？'];
/** Characters of context read on each side of a match before a sentence end is looked for. */
const CONTEXT = 80;

/** The sentence around the occurrence at `at` (of `length` characters), the match marked [like this]. */
function sentenceAt(text: string, at: number, length: number): string {
  const before = text.slice(Math.max(0, at - CONTEXT), at);
  const after = text.slice(at + length, at + length + CONTEXT);
  const start = Math.max(...SENTENCE_ENDS.map((mark) => before.lastIndexOf(mark))) + 1;
  const ends = SENTENCE_ENDS.map((mark) => after.indexOf(mark)).filter((i) => i >= 0);
  const end = ends.length ? Math.min(...ends) + 1 : after.length;
  const cut = start === 0 && at > CONTEXT;
  return `${cut ? '…' : ''}${before.slice(start).trimStart()}[${text.slice(at, at + length)}]${after.slice(0, end).trimEnd()}${ends.length ? '' : '…'}`;
}

/** Is this a sentence rather than a heading: some length besides the match and a clause mark? */
function isSentence(sentence: string, matchLength: number): boolean {
  const body = sentence.replace(/^[…\s（(]*[一二三四五六七八九十\d]+[、.)）]\s*/, '');
  return body.length - matchLength - 2 >= 18 && /[，,。；：]/.test(body);
}

/** The sentence of `text` holding `word` (case-insensitive), preferring one that is not a heading; null when absent. */
export function matchSentence(text: string | null, word: string): string | null {
  if (!text || !word) return null;
  const folded = text.toLowerCase();
  const lower = folded.length === text.length ? folded : text;
  const needle = lower === text ? word : word.toLowerCase();
  let first: string | null = null;
  for (let at = lower.indexOf(needle), seen = 0; at >= 0 && seen < 200; at = lower.indexOf(needle, at + needle.length), seen++) {
    const sentence = sentenceAt(text, at, word.length);
    if (isSentence(sentence, word.length)) return sentence;
    first ??= sentence;
  }
  return first;
}

/** The snippet of a hit: the sentence holding the first of `words` that occurs (null when only the title matched). */
export function sentenceSnippet(text: string | null, words: string[]): string | null {
  for (const word of words.filter(Boolean)) {
    const sentence = matchSentence(text, word);
    if (sentence) return sentence;
  }
  return null;
}
