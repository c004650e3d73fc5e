// The import rules of the layout (README, "How it is built"), as a pure checker over file texts so
// that a test can run it on the repository and on small made-up examples alike.
//
// - Layers: scripts > crawler > storage > parsers. A folder imports only its own layer or lower ones,
//   and parsers/ nothing outside parsers/. Only scripts/ may reach into test/ (the demo's portal farm).
// - Another top folder is reached only through its index.ts (test/ folders too: test/farm/index.ts).
// - parsers/: a format folder (html, pdf, word, ocr, text, any new one) imports only itself and
//   document/; report/ imports only itself and document/; document/ only itself. The dispatcher
//   (parsers/*.ts) reaches a format folder and report/ only through their index.ts.
// - crawler/: families/ imports nothing else of the crawler, and the rest reaches it only through
//   families/index.ts; discovery/ imports only itself and families/.
import path from 'node:path';

/** One import of a file: where it points (a repo path, or `npm:<package>`) and whether it is only for types. */
export interface ImportEdge {
  from: string;
  to: string;
  typeOnly: boolean;
  dynamic: boolean;
}

const LAYERS = ['parsers', 'storage', 'crawler', 'scripts'];
const PARSER_SHARED = 'document';
const PARSER_REPORT = 'report';

/** The module specifiers a source text imports or re-exports, with their kind. */
export function importSpecifiers(source: string): { specifier: string; typeOnly: boolean; dynamic: boolean }[] {
  const code = source.split('\n').filter((line) => !/^\s*(\/\/|\*|\/\*)/.test(line)).join('\n');
  const found: { specifier: string; typeOnly: boolean; dynamic: boolean }[] = [];
  for (const m of code.matchAll(/(?:^|[;\s])(import|export)(\s+type)?\s+[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g)) {
    found.push({ specifier: m[3], typeOnly: Boolean(m[2]), dynamic: false });
  }
  for (const m of code.matchAll(/(?:^|[;\s])import\s*['"]([^'"]+)['"]/g)) found.push({ specifier: m[1], typeOnly: false, dynamic: false });
  for (const m of code.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push({ specifier: m[1], typeOnly: false, dynamic: true });
  return found;
}

/** The edges of one file: relative specifiers resolved to repo paths, packages as `npm:<name>`. */
export function edgesOf(file: string, source: string): ImportEdge[] {
  return importSpecifiers(source).map(({ specifier, typeOnly, dynamic }) => {
    if (!specifier.startsWith('.')) {
      const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
      return { from: file, to: `npm:${name}`, typeOnly, dynamic };
    }
    return { from: file, to: path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)), typeOnly, dynamic };
  });
}

function topOf(file: string): string {
  return file.split('/')[0];
}

/** The folder right below a top folder (`parsers/html/index.ts` → `html`), or null for a file at the top. */
function secondOf(file: string): string | null {
  const parts = file.split('/');
  return parts.length > 2 ? parts[1] : null;
}

function isIndexOf(file: string, folder: string): boolean {
  return file === `${folder}/index.ts`;
}

function layerRule(edge: ImportEdge): string | null {
  const from = topOf(edge.from);
  const to = topOf(edge.to);
  if (from === to) return null;
  if (!LAYERS.includes(to)) {
    if (from === 'scripts' && to === 'test') return /\/index\.ts$/.test(edge.to) ? null : `${edge.from} reaches ${edge.to} past its folder's index.ts`;
    return `${edge.from} imports ${edge.to}, outside the layers`;
  }
  if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) return `${edge.from} (layer ${from}) imports the higher layer ${to}: ${edge.to}`;
  return isIndexOf(edge.to, to) ? null : `${edge.from} reaches ${edge.to} past ${to}/index.ts`;
}

function parsersRule(edge: ImportEdge): string | null {
  if (topOf(edge.from) !== 'parsers' || topOf(edge.to) !== 'parsers') return null;
  const from = secondOf(edge.from);
  const to = secondOf(edge.to);
  if (from === to) return null;
  if (from === null) {
    // The dispatcher and the public index: document/ freely, every other folder through its index.ts.
    if (to === PARSER_SHARED) return null;
    return isIndexOf(edge.to, `parsers/${to}`) ? null : `${edge.from} reaches ${edge.to} past parsers/${to}/index.ts`;
  }
  if (to === PARSER_SHARED && from !== PARSER_SHARED) return null;
  if (from === PARSER_SHARED) return `parsers/document/ imports ${edge.to}: the shared pieces depend on no reader`;
  if (from === PARSER_REPORT) return `parsers/report/ imports ${edge.to}: the report steps know no format`;
  return `the format folder parsers/${from}/ imports ${edge.to}: a reader uses only document/ (the dispatcher combines readers)`;
}

function crawlerRule(edge: ImportEdge): string | null {
  if (topOf(edge.from) !== 'crawler' || topOf(edge.to) !== 'crawler') return null;
  const from = secondOf(edge.from);
  const to = secondOf(edge.to);
  if (from === to) return null;
  if (from === 'families') return `crawler/families/ imports ${edge.to}: families import nothing else of the crawler`;
  if (to === 'families' && !isIndexOf(edge.to, 'crawler/families')) return `${edge.from} reaches ${edge.to} past crawler/families/index.ts`;
  if (from === 'discovery' && to !== 'families') return `crawler/discovery/ imports ${edge.to}: discovery depends only on families/`;
  return null;
}

/** Every rule an edge breaks (at most one per rule). */
export function edgeViolations(edge: ImportEdge): string[] {
  if (edge.to.startsWith('npm:') || !LAYERS.includes(topOf(edge.from))) return [];
  return [layerRule(edge), parsersRule(edge), crawlerRule(edge)].filter((v): v is string => v !== null);
}

/**
 * Checks the files of the layers in a set (repo path → source text): every broken rule, and every
 * import of a file not in the set. Tests and the farm (test/) may import anything.
 */
export function checkImports(files: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, source] of files) {
    if (!LAYERS.includes(topOf(file))) continue;
    for (const edge of edgesOf(file, source)) {
      if (!edge.to.startsWith('npm:') && !files.has(edge.to)) problems.push(`${file} imports ${edge.to}, which does not exist`);
      problems.push(...edgeViolations(edge));
    }
  }
  return problems;
}

/** The packages a module loads when it is imported: its static, non-type imports, followed through the repo. */
export function packagesLoadedBy(files: Map<string, string>, entry: string): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const edge of edgesOf(file, files.get(file) ?? '')) {
      if (edge.typeOnly || edge.dynamic) continue;
      if (edge.to.startsWith('npm:')) packages.add(edge.to.slice(4));
      else visit(edge.to);
    }
  };
  visit(entry);
  return packages;
}
