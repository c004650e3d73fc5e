// Character confusions of chi_sim on these tables, undone where the context leaves no doubt:
// the round bracket of "（六）其他处理" is often read as "《" or "〈", which hides the row's number.

/** An opening angle bracket closed by a round one (and the reverse) was a round bracket. */
export function fixBrackets(text: string): string {
  return text
    .replace(/[《〈]([^《〈》〉()（）]*[)）])/g, '（$1')
    .replace(/([（(][^《〈》〉()（）]*)[》〉]/g, '$1）');
}
