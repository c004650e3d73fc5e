// Whether the compiled command in dist/ is older than the sources beside it (a developer edited a
// .ts file and did not run `npm run build`): then the sources run instead, through tsx, so what
// runs is always what is written. An installed copy has its stamp newer than every source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE_DIRS = ['crawler', 'parsers', 'storage', 'scripts', 'test/farm'];

function newerThan(dir: string, stamp: number): boolean {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) { if (newerThan(path, stamp)) return true; }
    else if (entry.name.endsWith('.ts') && statSync(path).mtimeMs > stamp) return true;
  }
  return false;
}

/** For the compiled entry at dist/scripts/cli/entry.js: the repository root when the sources are newer. */
export function staleSourcesRoot(entryUrl: string): string | undefined {
  const here = dirname(fileURLToPath(entryUrl));
  if (!entryUrl.endsWith('.js')) return undefined;
  const root = join(here, '..', '..', '..');
  const stampPath = join(root, 'dist', 'BUILT');
  if (!existsSync(stampPath) || !existsSync(join(root, 'node_modules', 'tsx'))) return undefined;
  const stamp = statSync(stampPath).mtimeMs;
  return SOURCE_DIRS.some((d) => existsSync(join(root, d)) && newerThan(join(root, d), stamp)) ? root : undefined;
}
