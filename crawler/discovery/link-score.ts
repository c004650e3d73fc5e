// Scores navigation links by how likely they lead towards the annual-report columns: words in the
// link text and title, words in the path. No fixed list of paths: portals name things differently.
// The URL shapes of a family's column pages (Hanweb `/col/col<id>`, `node_id=`) come from families/.
import { isFamilyColumnPath } from '../families/index.ts';

/** One link as found on a page. */
export interface PageLink {
  url: string;
  text: string;
  title?: string;
}

/** Where the page that holds the link sits: anywhere on the portal, or inside a report column. */
export type PageArea = 'portal' | 'disclosure' | 'reports';

const TEXT_RULES: [RegExp, number][] = [
  [/(政府)?信息公开(工作)?年(度)?报(告)?|年度报告|年报/, 10],
  [/政府信息公开|信息公开|政务公开|公开目录|法定主动公开|^公开$/, 4],
  [/部门|乡镇|街道|镇街|镇(人民)?政府|乡(人民)?政府|办事处|县直|区直|单位/, 2],
  [/(19|20)\d{2}\s*年?度?$/, 2],
  [/下一页|下页|后页|›|»|>>|尾页|末页/, 1],
];
// 政府网站工作年度报表 is the website's yearly statistics form, not the disclosure report.
const NOT_THE_REPORT = /(网站|网站工作)年度?报表|年度报表/;
const NEGATIVE_TEXT = /指南|制度|依申请|申请表|政策解读|新闻|图片|视频|领导|招聘|通知公告|互动|留言|信箱|登录|注册|English|无障碍|关怀|繁體|网站地图|日历|calendar/i;

const PATH_RULES: [RegExp, number][] = [
  [/(zfxxgknb|xxgknb|gknb|ndbg|zfxxgkndbg|xxgkndbg|annualreport|nianbao)/i, 8],
  [/(^|[/_])nb([/_]|$)|(^|\/)\d{4}n?(db|nb)/i, 4],
  [/(zfxxgk|xxgk|zwgk|gongkai|(^|\/)gk([/_]|$)|gkml)/i, 3],
  [/(^|\/)(bm|bmnb|xz|xzjd|jd|jz|bmjz|zsjg|zcbm|qjbm|bmxx|xzxx)([/_]|\d|$)/i, 2],
  [/(^|\/)(19|20)\d{2}n?(ndbg|nb|qjbm)?\//i, 2],
];
const NEGATIVE_PATH = /(calendar|rili|date=|\/search|login|register|english|\/en\/|wza|wap\/)/i;

const ORGAN_NAME = /^[\u4e00-\u9fa5]{1,12}(镇|乡|街道|街|办事处|局|委员会|委|办公室|办|中心|管委会)$/;

function compact(text: string): string {
  return text.replace(/[\s\u3000\u00a0]+/g, '');
}

/** True for a bare organ name (大营镇, 市审计局, 财政局): the link text of a 部门/乡镇 grid. */
export function isOrganName(text: string): boolean {
  return ORGAN_NAME.test(compact(text));
}

/** A score for following a navigation link; >= FOLLOW_THRESHOLD means follow it. `inGrid`: the link is
 *  one of a page's many bare organ names (a 部门/乡镇 grid), each leading to that organ's sub-site. */
export function scoreLink(link: PageLink, area: PageArea, inGrid = false): number {
  const words = compact(`${link.text} ${link.title ?? ''}`);
  let path: string;
  try {
    const url = new URL(link.url);
    path = decodeURIComponent(url.pathname + url.search);
  } catch {
    return 0;
  }
  let score = 0;
  for (const [pattern, points] of TEXT_RULES) if (pattern.test(words)) score += points;
  for (const [pattern, points] of PATH_RULES) if (pattern.test(path)) score += points;
  if (isFamilyColumnPath(path)) score += 1;
  if (NEGATIVE_TEXT.test(words) && !/年报|年度报告/.test(words)) score -= 6;
  if (NEGATIVE_PATH.test(path)) score -= 6;
  if (NOT_THE_REPORT.test(words)) score -= 12;
  // Inside a report column, organ and year folders are the way down, even with plain names.
  if (area === 'reports' && /部门|乡镇|街道|镇|乡|局|委|办|中心|(19|20)\d{2}/.test(words)) score += 3;
  if (area === 'disclosure' && /部门|乡镇|街道|镇|乡/.test(words)) score += 1;
  // A short organ name (大营镇, 财政局) in a disclosure area leads to that organ's sub-site.
  if (area !== 'portal' && ORGAN_NAME.test(words)) score += 2;
  // In a grid of organ names the name is all a sub-site's link says, whatever its (opaque) path.
  if (inGrid && ORGAN_NAME.test(words)) score += 4;
  return score;
}

/** Links scoring at least this are followed. */
export const FOLLOW_THRESHOLD = 4;

/** The area a page belongs to, judged from its own title and URL and its parent's area. */
export function areaOf(title: string, url: string, parentArea: PageArea): PageArea {
  const path = decodeURIComponent(new URL(url).pathname);
  if ((/年报|年度报告/.test(compact(title)) && !NOT_THE_REPORT.test(compact(title))) || /(zfxxgknb|xxgknb|gknb|ndbg|annualreport)/i.test(path)) return 'reports';
  if (parentArea === 'reports') return 'reports';
  if (/信息公开|政务公开/.test(title) || /(zfxxgk|xxgk|zwgk|gkml)/i.test(path)) return 'disclosure';
  return parentArea;
}
