// Splits the report's text into its parts by their headings (一、总体情况 … 六、其他需要报告的事项);
// wording varies, so any "<numeral>、<short heading>" line starts a section.

import type { Section } from '../document/types.ts';

const HEADING = /^\s*(?:#+\s*)?([一二三四五六七八九十])\s*[、.．]\s*(\S.{0,28})$/;

/** Labels of table rows that are numbered like headings. */
const TABLE_ROW_WORDS = /本年新收|上年结转|本年度办理|结转下年度/;

export function splitSections(text: string): Section[] {
  const sections: Section[] = [];
  let current: Section | null = null;
  for (const line of text.split('\n')) {
    const match = line.startsWith('\t') ? null : line.trim().match(HEADING);
    // Table rows also start with 一、/二、 ("一、本年新收…"): a heading is no table row label.
    if (match && !/\d\s*$/.test(line.trim()) && !/\t/.test(line.trim()) && !TABLE_ROW_WORDS.test(match[2])) {
      current = { heading: `${match[1]}、${match[2].trim()}`, text: '' };
      sections.push(current);
      continue;
    }
    if (current && line.trim()) current.text += (current.text ? '\n' : '') + line.trim();
  }
  return sections;
}
