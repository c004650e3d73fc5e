// The three tables of the official form, as data: which field keys sit in which row and column,
// for the 2021 form (国办公开办函〔2021〕30号) and the 2019 form (国办公开办函〔2019〕60号).

/** One block of table "active": a heading row, a column-header row and rows of (label, keys). */
export interface ActiveBlock {
  heading: string;
  columns: string[];
  rows: [label: string, keys: string[]][];
}

const ACTIVE_2021: ActiveBlock[] = [
  { heading: '第二十条第（一）项', columns: ['本年制发件数', '本年废止件数', '现行有效件数'], rows: [
    ['规章', ['active.rules.issued', 'active.rules.repealed', 'active.rules.in_force']],
    ['行政规范性文件', ['active.normative_docs.issued', 'active.normative_docs.repealed', 'active.normative_docs.in_force']],
  ] },
  { heading: '第二十条第（五）项', columns: ['本年处理决定数量'], rows: [['行政许可', ['active.licensing.decisions']]] },
  { heading: '第二十条第（六）项', columns: ['本年处理决定数量'], rows: [
    ['行政处罚', ['active.punishment.decisions']], ['行政强制', ['active.coercion.decisions']],
  ] },
  { heading: '第二十条第（八）项', columns: ['本年收费金额（单位：万元）'], rows: [['行政事业性收费', ['active.fees.amount']]] },
];

const DECISION_COLUMNS = ['上一年项目数量', '本年增/减', '处理决定数量'];
const decisionKeys = (item: string) => [`active.${item}.prev_items`, `active.${item}.change`, `active.${item}.decisions`];

const ACTIVE_2019: ActiveBlock[] = [
  { heading: '第二十条第（一）项', columns: ['本年新制作数量', '本年新公开数量', '对外公开总数量'], rows: [
    ['规章', ['active.rules.made', 'active.rules.published', 'active.rules.total_published']],
    ['规范性文件', ['active.normative_docs.made', 'active.normative_docs.published', 'active.normative_docs.total_published']],
  ] },
  { heading: '第二十条第（五）项', columns: DECISION_COLUMNS, rows: [
    ['行政许可', decisionKeys('licensing')], ['其他对外管理服务事项', decisionKeys('other_services')],
  ] },
  { heading: '第二十条第（六）项', columns: DECISION_COLUMNS, rows: [
    ['行政处罚', decisionKeys('punishment')], ['行政强制', decisionKeys('coercion')],
  ] },
  { heading: '第二十条第（八）项', columns: ['上一年项目数量', '本年增/减'], rows: [['行政事业性收费', ['active.fees.prev_items', 'active.fees.change']]] },
  { heading: '第二十条第（九）项', columns: ['采购项目数量', '采购总金额（单位：万元）'], rows: [['政府集中采购', ['active.procurement.items', 'active.procurement.amount']]] },
];

/** Table "active" of a template. */
export function activeBlocks(template: '2021' | '2019'): ActiveBlock[] {
  return template === '2019' ? ACTIVE_2019 : ACTIVE_2021;
}

/** The applicant columns of table "applications", in form order. */
export const APPLICANT_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legal', 'other_org', 'total'] as const;
export const ORGANISATION_COLUMN_LABELS = ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'];

/** A group of result rows under 三、本年度办理结果: one row, or a labelled group of items. */
export interface ResultGroup {
  label: string;
  rows: [label: string, row: string][];
}

const RESULT_GROUPS_BOTH: ResultGroup[] = [
  { label: '（一）予以公开', rows: [['', 'granted']] },
  { label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', rows: [['', 'partly_granted']] },
  { label: '（三）不予公开', rows: [
    ['1.属于国家秘密', 'denied_state_secret'], ['2.其他法律行政法规禁止公开', 'denied_law_prohibited'],
    ['3.危及“三安全一稳定”', 'denied_security_stability'], ['4.保护第三方合法权益', 'denied_third_party'],
    ['5.属于三类内部事务信息', 'denied_internal_affairs'], ['6.属于四类过程性信息', 'denied_process_info'],
    ['7.属于行政执法案卷', 'denied_enforcement_file'], ['8.属于行政查询事项', 'denied_admin_query'],
  ] },
  { label: '（四）无法提供', rows: [
    ['1.本机关不掌握相关政府信息', 'unable_not_held'], ['2.没有现成信息需要另行制作', 'unable_needs_creation'],
    ['3.补正后申请内容仍不明确', 'unable_unclear'],
  ] },
  { label: '（五）不予处理', rows: [
    ['1.信访举报投诉类申请', 'rejected_petition'], ['2.重复申请', 'rejected_duplicate'], ['3.要求提供公开出版物', 'rejected_publication'],
    ['4.无正当理由大量反复申请', 'rejected_excessive'], ['5.要求行政机关确认或重新出具已获取信息', 'rejected_confirmation'],
  ] },
];

const OTHER_2021: ResultGroup = { label: '（六）其他处理', rows: [
  ['1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请', 'other_no_correction'],
  ['2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请', 'other_unpaid_fee'],
  ['3.其他', 'other_other'],
] };
const OTHER_2019: ResultGroup = { label: '（六）其他处理', rows: [['', 'other']] };
const TOTAL: ResultGroup = { label: '（七）总计', rows: [['', 'total']] };

/** The result rows of table "applications" for a template (2019 has one （六） row, 2021 three). */
export function resultGroups(template: '2021' | '2019'): ResultGroup[] {
  return [...RESULT_GROUPS_BOTH, template === '2019' ? OTHER_2019 : OTHER_2021, TOTAL];
}

/** The three groups of table "reviews" and their five columns. */
export const REVIEW_GROUPS = ['review', 'suit_direct', 'suit_after_review'] as const;
export const REVIEW_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'] as const;
export const REVIEW_COLUMN_LABELS = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
