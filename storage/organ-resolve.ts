// Resolution of a printed organ name to one organ: the name is cut into divisions of the dataset
// (扶沟县 | 韭园镇) plus what remains (a department: 教育局), and the divisions are settled with the
// context the capture carries (the portal's division, the page's SiteIDCode). Every step that is
// not a plain match is recorded as a reason; an uncertain one also as a doubt.
import { divisionChain, divisionOfCode, divisions, standardCode, within, type Division } from './divisions.ts';

/** What the capture says about where the report comes from. */
export interface ResolveContext {
  /** A division code known for the source: the portal's division, SiteIDCode (6, 9 or 12 digits). */
  divisionCodes?: (string | null | undefined)[];
}

/** The organ a printed name stands for. */
export interface Resolution {
  key: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township' | 'department' | 'other';
  divisionCode: string | null;
  /** The key of the government it belongs to (a department's government, a township's county). */
  parentKey: string | null;
  reasons: string[];
  doubt: string | null;
}

const GOV_SUFFIX = /(人民政府|政府)$/;
/** How the names of departments and other bodies end (a 管委会 or 综合实验区 is no department: it stays 'other'). */
const DEPARTMENT_END = /(局|委|办|办公室|中心|委员会|院|所|厅|队|站|部|署|会|处|室)$/;
const ADMIN_END = /(省|自治区|市|自治州|州|盟|地区|县|自治县|旗|自治旗|区|镇|乡|民族乡|苏木|街道)$/;

interface Segment { text: string; candidates: Division[] }

function segment(text: string): { segments: Segment[]; rest: string } {
  const { byName } = divisions();
  const segments: Segment[] = [];
  let pos = 0;
  while (pos < text.length) {
    let found: Segment | undefined;
    for (let len = Math.min(16, text.length - pos); len >= 2 && !found; len--) {
      const piece = text.slice(pos, pos + len);
      const list = byName.get(piece);
      if (list) found = { text: piece, candidates: list };
    }
    if (!found) break;
    segments.push(found);
    pos += found.text.length;
  }
  return { segments, rest: text.slice(pos) };
}

function contextDivisions(context: ResolveContext): Division[] {
  return (context.divisionCodes ?? []).filter((c): c is string => Boolean(c && /^\d{2,12}$/.test(c)))
    .map((c) => divisionOfCode(c)).filter((d): d is Division => Boolean(d));
}

/** Picks the division a segment means, given the one before it and the context. */
function choose(seg: Segment, previous: Division | undefined, context: Division[], reasons: string[], doubts: string[]): Division | undefined {
  const list = previous ? seg.candidates.filter((d) => within(d, previous)) : seg.candidates;
  if (list.length === 0) return undefined;
  if (list.length === 1) return list[0];
  const inContext = list.filter((d) => context.some((c) => within(d, c) || within(c, d)));
  if (inContext.length === 1) {
    const ctx = context.find((c) => within(inContext[0], c) || within(c, inContext[0]))!;
    reasons.push(`${list.length} divisions are named ${seg.text}; the source's division ${standardCode(ctx)} settles ${standardCode(inContext[0])}`);
    return inContext[0];
  }
  doubts.push(`${list.length} divisions are named ${seg.text} (${list.slice(0, 4).map(standardCode).join(', ')}${list.length > 4 ? ', …' : ''}) and the source's division does not settle which`);
  return undefined;
}

/** A misprinted division name: one character off a division of the same level in scope. */
function misprint(token: string, scope: Division[], reasons: string[], doubts: string[]): Division | undefined {
  if (token.length < 2 || !ADMIN_END.test(token)) return undefined;
  const oneOff = (name: string) => name.length === token.length && name.at(-1) === token.at(-1)
    && [...name].filter((ch, i) => ch !== token[i]).length === 1;
  const pool = scope.length
    ? scope.flatMap((s) => [s, ...[...divisions().byCode.values()].filter((d) => d.parentCode === s.code || d.code === s.parentCode)])
    : [];
  const near = [...new Map(pool.filter((d) => oneOff(d.name)).map((d) => [d.code, d])).values()];
  if (near.length === 1) {
    reasons.push(`misprint: printed ${token}, the division ${standardCode(near[0])} of the source is ${near[0].name} (one character differs)`);
    return near[0];
  }
  if (near.length === 0 && scope.length === 0) {
    const everywhere = [...divisions().byCode.values()].filter((d) => oneOff(d.name));
    if (everywhere.length >= 1) doubts.push(`${token} is in no division; one character off ${everywhere.slice(0, 3).map((d) => `${d.name} ${standardCode(d)}`).join(', ')}, but no division code of the source settles it`);
  }
  return undefined;
}

/** 镇 printed where the dataset has a 街道 (or the other way): towns become 街道 and keep their name. */
function renamedTownship(token: string, scope: Division, reasons: string[]): Division | undefined {
  const stem = token.replace(/(镇|乡|街道|街道办事处|办事处)$/, '');
  if (stem === token || stem.length < 1) return undefined;
  const towns = divisions().townshipsOf.get(scope.code) ?? [];
  const hit = towns.filter((t) => t.name.replace(/(镇|乡|街道)$/, '') === stem);
  if (hit.length !== 1) return undefined;
  reasons.push(`printed ${token}, the dataset has ${hit[0].name} (${standardCode(hit[0])}) in ${scope.name}: 镇/乡/街道 read as one`);
  return hit[0];
}

function governmentName(unit: Division): string {
  const chain = divisionChain(unit);
  const parent = chain.at(-2);
  const suffix = /街道$/.test(unit.name) ? '办事处' : '人民政府';
  // Townships repeat across counties and districts across prefectures: qualify them by their parent.
  const qualifier = (unit.level === 'township' || unit.level === 'county') && parent && parent.level !== 'province' ? parent.name : '';
  return `${qualifier}${unit.name}${suffix}`;
}

function parentKeyOf(unit: Division): string | null {
  const parent = divisionChain(unit).at(-2);
  return parent ? `gov:${standardCode(parent)}` : null;
}

/**
 * A name no division settles: an organ of its own, keyed by the printed name, with a doubt. It takes
 * the source's division code (the portal's), when there is exactly one, so it still sits in its region.
 */
function unresolved(printed: string, ctx: Division[], reasons: string[], doubt: string): Resolution {
  const codes = [...new Set(ctx.map(standardCode))];
  if (codes.length === 1) reasons.push(`division code ${codes[0]} from the source, not from the name`);
  return { key: `name:${printed}`, name: printed, level: 'other', divisionCode: codes.length === 1 ? codes[0] : null, parentKey: null, reasons, doubt };
}

/** Resolves one printed organ name (whitespace already removed). */
export function resolveOrgan(printed: string, context: ResolveContext = {}): Resolution {
  const reasons: string[] = [];
  const doubts: string[] = [];
  const ctx = contextDivisions(context);
  let body = printed;
  const gov = GOV_SUFFIX.exec(body)?.[1];
  if (gov) body = body.slice(0, -gov.length);
  if (gov === '政府') reasons.push('政府 read as 人民政府');
  const office = /(街道)?办事处$/.exec(body);
  if (office) body = body.slice(0, -office[0].length) + (office[1] ? '街道' : '');
  const { segments, rest: tail } = segment(body);
  let unit: Division | undefined;
  let rest = tail;
  for (let i = 0; i < segments.length; i++) {
    const picked = choose(segments[i], unit, ctx, reasons, doubts);
    if (picked) { unit = picked; continue; }
    if (unit) {
      // A name the dataset does not have under its parent (merged, renamed or made up): read it as the rest.
      rest = segments.slice(i).map((s) => s.text).join('') + tail;
      break;
    }
    return unresolved(printed, ctx, reasons, doubts.join('; ') || `${segments[i].text} is ambiguous`);
  }
  let department = rest;
  const isGovernment = Boolean(gov || office) || (rest === '' && segments.length > 0);
  if (isGovernment && rest) {
    // What is left is meant as a division: a misprint, or a 镇 that is now a 街道.
    const scope = unit ? [unit] : ctx;
    const fixed = (unit && renamedTownship(rest, unit, reasons))
      ?? scope.map((s) => renamedTownship(rest, s, reasons)).find(Boolean)
      ?? misprint(rest, scope.flatMap((s) => (s.level === 'township' ? [divisions().byCode.get(s.parentCode!)!] : [s])), reasons, doubts);
    if (fixed) { unit = fixed; department = ''; }
    else if (unit && unit.level !== 'township' && /(镇|乡|街道)$/.test(rest)) {
      // A township the dataset does not list under a county it does: the county's code, and a doubt.
      const code = standardCode(unit);
      return {
        key: `town:${code}:${rest}`, name: `${unit.name}${rest}${/街道$/.test(rest) ? '办事处' : '人民政府'}`, level: 'township', divisionCode: code,
        parentKey: `gov:${code}`, reasons, doubt: `${rest} is not a township of ${unit.name} (${code}) in the division dataset (2023): merged, renamed or misprinted?`,
      };
    } else {
      return unresolved(printed, unit ? [unit] : ctx, reasons, doubts.join('; ') || `${rest} is in no division of the dataset`);
    }
  }
  if (!unit && segments.length === 0 && ctx.length && department && DEPARTMENT_END.test(department)) {
    // A department printed without its region (教育局 on the county's portal).
    unit = ctx.find((c) => c.level !== 'township') ?? ctx[0];
    reasons.push(`region prefix added: ${department} on a source of ${unit.name} (${standardCode(unit)})`);
  }
  if (!unit) return unresolved(printed, ctx, reasons, doubts.join('; ') || 'no division of the dataset in the name');
  if (segments.length === 1 && !department && (unit.level === 'township' || unit.level === 'county')) {
    const parent = unit.parentCode ? divisions().byCode.get(unit.parentCode) : undefined;
    if (parent && parent.level !== 'province') reasons.push(`region prefix left out: ${unit.name} is in ${parent.name} (${standardCode(parent)})`);
  }
  const code = standardCode(unit);
  if (ctx.length && !ctx.some((c) => within(unit!, c) || within(c, unit!))) {
    doubts.push(`${unit.name} ${code} lies outside the source's division ${ctx.map(standardCode).join(', ')}`);
  }
  if (department) {
    return {
      key: `dept:${code}:${department}`, name: `${unit.name}${department}`, level: 'department', divisionCode: code,
      parentKey: `gov:${code}`, reasons, doubt: doubts.join('; ') || null,
    };
  }
  const name = governmentName(unit);
  if (name !== printed && !reasons.length) reasons.push(`printed ${printed}, canonical ${name}`);
  return { key: `gov:${code}`, name, level: unit.level, divisionCode: code, parentKey: parentKeyOf(unit), reasons, doubt: doubts.join('; ') || null };
}

/** The government organ of a division as the dataset names it (for the organs a portal is expected to have). */
export function resolveDivision(unit: Division): Resolution {
  return { key: `gov:${standardCode(unit)}`, name: governmentName(unit), level: unit.level, divisionCode: standardCode(unit), parentKey: parentKeyOf(unit), reasons: [], doubt: null };
}
