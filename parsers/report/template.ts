// Tells the table generation from the tables' own header words (not from the year or the notice
// cited: real 2022 reports use 2019-format tables), and recognises pre-2019 (legacy) reports.
import type { Template } from '../document/types.ts';

const WORDS_2021 = [/本年制发件数/, /本年废止件数/, /现行有效件数/, /本年收费金额/, /逾期不补正/, /逾期未按收费通知/, /本年处理决定数量/];
const WORDS_2019 = [/本年新制作数量/, /本年新公开数量/, /对外公开总数量/, /上一年项目数量/, /其他对外管理服务事项/, /政府集中采购/, /采购项目数量/];
const TABLE_WORDS = [/申请人情况/, /本年新收/, /予以公开/, /结转下年度/, /第二十条/, /结果维持/];
/** The 2008-rules statistics table and outline. */
const LEGACY_WORDS = [/统计表/, /依申请公开/, /指标名称/, /计量单位/, /主动公开信息数/, /申请数/, /概述/];

function count(text: string, patterns: RegExp[]): number {
  return patterns.filter((p) => p.test(text)).length;
}

export interface TemplateVerdict {
  template: Template | null;
  reason?: string;
}

/** `text` is the whole document text with whitespace removed; `year` the statistics year if known. */
export function detectTemplate(compactText: string, year: number | null): TemplateVerdict {
  const score2021 = count(compactText, WORDS_2021);
  const score2019 = count(compactText, WORDS_2019);
  const tableWords = count(compactText, TABLE_WORDS);
  if (score2021 + score2019 >= 2 && tableWords >= 2) {
    return { template: score2019 > score2021 ? '2019' : '2021' };
  }
  if (year !== null && year <= 2018) return { template: 'legacy' };
  if (year === null && count(compactText, LEGACY_WORDS) >= 3 && tableWords < 2) return { template: 'legacy' };
  if (tableWords >= 2) return { template: null, reason: 'the report tables are incomplete: their header words are missing' };
  return { template: null, reason: 'no report tables in the text (they may be images or in an attachment)' };
}
