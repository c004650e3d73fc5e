// Recognises the rows of the three tables from their label text, however a document wraps,
// spaces or renumbers it. Keywords are matched on a normalised label (no spaces or punctuation).

import { nearestApplicationRow, withoutAnnotations } from './label-match.ts';

export type TableName = 'active' | 'applications' | 'reviews';

/** Applicant columns of table "applications", in the order every report prints them. */
export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other_org', 'total'] as const;

/** Removes what differs between copies of the same label: spaces, brackets, punctuation, numbering dots. */
export function normaliseLabel(text: string): string {
  return text
    .replace(/[\s\u3000\u00a0]+/g, '')
    .replace(/[（(]/g, '（')
    .replace(/[）)]/g, '）')
    .replace(/[“”"‘’'「」]/g, '')
    .replace(/[,，、.．:：;；]/g, '');
}

interface RowRule {
  id: string;
  pattern: RegExp;
}

/** Rows of table "applications" by their distinctive words; specific items before group headers. */
const APPLICATION_ROWS: RowRule[] = [
  { id: 'new', pattern: /本年(度)?新收/ },
  { id: 'carried_over', pattern: /上年(度)?结转/ },
  { id: 'carried_forward', pattern: /结转下(一)?年/ },
  { id: 'partly_granted', pattern: /部分公开/ },
  { id: 'denied_state_secret', pattern: /国家秘密/ },
  // Some reports misprint the label (洪泽区: "其他法律行政止公开"), so 法律…止公开 counts too.
  { id: 'denied_law_prohibited', pattern: /禁止公开|法律.{0,6}止公开/ },
  { id: 'denied_security_stability', pattern: /三安全|一稳定|危及/ },
  { id: 'denied_third_party', pattern: /第三方/ },
  { id: 'denied_internal_affairs', pattern: /内部事务/ },
  { id: 'denied_process_info', pattern: /过程性/ },
  { id: 'denied_enforcement_file', pattern: /执法案卷/ },
  { id: 'denied_admin_query', pattern: /查询事项/ },
  { id: 'unable_not_held', pattern: /不掌握/ },
  { id: 'unable_needs_creation', pattern: /另行制作/ },
  { id: 'unable_unclear', pattern: /仍不明确|内容不明确/ },
  { id: 'rejected_petition', pattern: /信访|举报投诉/ },
  { id: 'rejected_duplicate', pattern: /重复申请/ },
  { id: 'rejected_publication', pattern: /出版物/ },
  { id: 'rejected_excessive', pattern: /大量反复/ },
  { id: 'rejected_confirmation', pattern: /重新出具|确认或/ },
  { id: 'other_no_correction', pattern: /不补正/ },
  { id: 'other_unpaid_fee', pattern: /缴纳费用|收费通知/ },
  { id: 'granted', pattern: /(^|[^不])予以公开/ },
];

/** Labels that only make sense in context: "3.其他" under （六）, the group row （六）其他处理, （七）总计. */
function contextualApplicationRow(label: string, previous: string | null): string | null {
  if (/^(（六）其他处理)?3其他$/.test(label) || (label === '其他' && previous?.startsWith('other_'))) return 'other_other';
  if (/^（六）其他处理$|^六其他处理$|^其他处理$/.test(label)) return 'other';
  if (/^(（七）|七)?总计$/.test(label) || /^（七）总计/.test(label)) return 'total';
  return null;
}

/** Identifies a row of table "applications"; `previous` is the id of the row read before it. */
export function identifyApplicationRow(rawLabel: string, previous: string | null): string | null {
  const label = normaliseLabel(rawLabel);
  if (!label || label.length > 90) return null;
  if (/勾稽|申请人情况/.test(label)) return null;
  for (const rule of APPLICATION_ROWS) if (rule.pattern.test(label)) return rule.id;
  const plain = withoutAnnotations(label);
  if (plain !== label) for (const rule of APPLICATION_ROWS) if (rule.pattern.test(plain)) return rule.id;
  return contextualApplicationRow(plain.replace(/^三本年度办理结果/, ''), previous) ?? nearestApplicationRow(label);
}

/** Rows of table "active" (第二十条): the same id in both generations, columns differ. */
const ACTIVE_ROWS: RowRule[] = [
  { id: 'other_services', pattern: /其他对外管理服务/ },
  { id: 'rules', pattern: /^规章$/ },
  { id: 'normative_docs', pattern: /^(行政)?规范性文件$/ },
  { id: 'licensing', pattern: /^行政许可$/ },
  { id: 'punishment', pattern: /^行政处罚$/ },
  { id: 'coercion', pattern: /^行政强制$/ },
  { id: 'fees', pattern: /^行政事业性收费$/ },
  { id: 'procurement', pattern: /^政府集中采购$/ },
];

export function identifyActiveRow(rawLabel: string): string | null {
  // The row label may carry the item number of the form ("第二十条第（一）项规章" in a flattened table).
  const label = normaliseLabel(rawLabel).replace(/^第二十条第?（[一二三四五六七八九十]+）项/, '').replace(/^信息内容/, '');
  for (const rule of ACTIVE_ROWS) if (rule.pattern.test(label)) return rule.id;
  // An annotated label (规章（设区的市、自治州人民政府应提供相关数据）) is the label without its note.
  const plain = withoutAnnotations(label);
  if (plain !== label) for (const rule of ACTIVE_ROWS) if (rule.pattern.test(plain)) return rule.id;
  return null;
}

/** Column keys of table "active" recognised from header words. */
const ACTIVE_COLUMN_WORDS: [RegExp, string][] = [
  [/本年制发/, 'issued'],
  [/本年废止/, 'repealed'],
  [/现行有效/, 'in_force'],
  [/新制作/, 'made'],
  [/新公开/, 'published'],
  [/对外公开总/, 'total_published'],
  [/上一年/, 'prev_items'],
  [/增.?减|增减/, 'change'],
  [/采购项目/, 'items'],
  [/采购总金额|收费金额/, 'amount'],
  [/处理决定/, 'decisions'],
];

export function activeColumnKey(header: string): string | null {
  const label = normaliseLabel(header);
  for (const [pattern, key] of ACTIVE_COLUMN_WORDS) if (pattern.test(label)) return key;
  return null;
}

/** The default column order of each active row, by template, when no header says otherwise. */
export const ACTIVE_COLUMNS: Record<'2021' | '2019', Record<string, string[]>> = {
  '2021': {
    rules: ['issued', 'repealed', 'in_force'],
    normative_docs: ['issued', 'repealed', 'in_force'],
    licensing: ['decisions'],
    punishment: ['decisions'],
    coercion: ['decisions'],
    fees: ['amount'],
  },
  '2019': {
    rules: ['made', 'published', 'total_published'],
    normative_docs: ['made', 'published', 'total_published'],
    licensing: ['prev_items', 'change', 'decisions'],
    other_services: ['prev_items', 'change', 'decisions'],
    punishment: ['prev_items', 'change', 'decisions'],
    coercion: ['prev_items', 'change', 'decisions'],
    fees: ['prev_items', 'change'],
    procurement: ['items', 'amount'],
  },
};

/** Keys of table "reviews" in the order of its single row of 15 figures. */
export const REVIEW_KEYS = ['review', 'suit_direct', 'suit_after_review'].flatMap((group) =>
  ['upheld', 'corrected', 'other', 'pending', 'total'].map((col) => `${group}.${col}`),
);
