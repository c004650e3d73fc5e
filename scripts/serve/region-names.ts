// Names for administrative-division codes (GB/T 2260), so facets and tables say 河南省 新乡市 牧野区
// rather than 410711. The table is china-area-data's (MIT); a code it lacks keeps its digits.
import { createRequire } from 'node:module';

type AreaData = Record<string, Record<string, string>>;
let names: Map<string, string> | undefined;

function table(): Map<string, string> {
  if (!names) {
    const data = createRequire(import.meta.url)('china-area-data/data.json') as AreaData;
    names = new Map(Object.values(data).flatMap((children) => Object.entries(children)));
  }
  return names;
}

/** The full name of a code or code prefix ('41' province, '4107' city, '410711' county), or null if unknown. */
export function regionName(code: string | null | undefined): string | null {
  if (!code || !/^\d{2,12}$/.test(code)) return null;
  const six = code.slice(0, 6).padEnd(6, '0');
  const parts = [six.slice(0, 2) + '0000', six.slice(0, 4) + '00', six]
    .filter((c, i, all) => all.indexOf(c) === i && c.replace(/0+$/, '').length <= code.replace(/0+$/, '').length + 1)
    .map((c) => table().get(c))
    .filter((name): name is string => !!name && name !== '市辖区' && name !== '县');
  return parts.length ? parts.join(' ') : null;
}

/** A region as shown: its name with the code after it, or the code alone when the name is unknown. */
export function regionLabel(code: string | null | undefined): string {
  if (!code) return '—';
  const name = regionName(code);
  return name ? `${name} ${code}` : code;
}
