// Reads a link text or page title: is it an annual report (with organ and year), a look-alike
// (format notices, half-year statistics, 指南…), or something else?

/** The verdict on one title. */
export interface TitleVerdict {
  kind: 'report' | 'lookalike' | 'other';
  year: number | null;
  organ: string | null;
  /** For look-alikes, what gave them away. */
  reason?: string;
}

const REPORT_WORDS = /(年度报告|年报|工作报告|情况的?报告|年度工作报告)/;
const DISCLOSURE_WORDS = /(信息公开|政务公开|政府信息)/;
const LOOKALIKES: [RegExp, string][] = [
  [/格式/, 'format notice'],
  [/(召开|部署会|推进会|培训会|座谈会|工作会议?|会议)/, 'meeting news about reports'],
  [/(印发|编制|做好|报送|发布工作|审核|要求).*(通知|函)|通知$/, 'notice about reports'],
  [/(上半年|下半年|半年|季度|月度|[一二三四1-4]季度)/, 'half-year or quarterly statistics'],
  [/指南/, 'disclosure guide'],
  [/(制度|目录|规定|办法|工作要点|工作方案|考核|评估|排名|第三方)/, 'other disclosure document'],
  [/(汇总|目录|名单|公示|一览)/, 'list of reports'],
];

function compact(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}

/** The four-digit year the report covers, read from a title (年/年度 after it). */
export function yearOf(text: string): number | null {
  const match = compact(text).match(/((?:19|20)\d{2})\s*年/);
  if (match) return Number(match[1]);
  const bare = compact(text).match(/(?:^|\D)((?:20[0-4]\d|19\d{2}))(?:\D|$)/);
  return bare ? Number(bare[1]) : null;
}

/** The organ a report title names: the words before the year (or after it when the year comes first). */
export function organOf(text: string): string | null {
  const title = compact(text).replace(/^(关于|【[^】]*】)/, '');
  const match = title.match(/^(.*?)((?:19|20)\d{2})年度?(.*?)(政府|政务)?信息公开/);
  if (!match) return null;
  const before = match[1].replace(/[（(【\[《]+$/, '');
  const after = match[3].replace(/^(的|度)/, '');
  const organ = before.length >= 2 ? before : after.length >= 2 ? after : null;
  return organ && organ.length <= 40 ? organ : null;
}

/** Classifies one title (a link text, a title attribute or a page's <title>). */
export function classifyTitle(text: string): TitleVerdict {
  const title = compact(text);
  const year = yearOf(title);
  if (!DISCLOSURE_WORDS.test(title)) return { kind: 'other', year, organ: null };
  // A dated disclosure document that is not the annual report (half-year figures, a notice) is a
  // look-alike even without the word 报告.
  if (REPORT_WORDS.test(title) || year !== null) {
    for (const [pattern, reason] of LOOKALIKES) {
      if (pattern.test(title)) return { kind: 'lookalike', year, organ: null, reason };
    }
  }
  if (!REPORT_WORDS.test(title)) return { kind: 'other', year, organ: null };
  if (title.length > 80) return { kind: 'lookalike', year, organ: null, reason: 'too long for a title' };
  if (year === null) return { kind: 'other', year, organ: null };
  return { kind: 'report', year, organ: organOf(title) };
}
