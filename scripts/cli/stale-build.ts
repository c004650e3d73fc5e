// Whether the compiled command in dist/ is older than the sources it was compiled from (a
// developer edited a .ts file and did not run `npm run build`): then the sources run instead,
// through tsx, so what runs is always what is written. An installed copy has its build stamp
// newer than every source.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when some compiled file's source (dist/x/y.js ← x/y.ts) changed after the build stamp. */
function sourcesNewer(distDir: string, root: string, stamp: number): boolean {
  for (const entry of readdirSync(distDir, { withFileTypes: true })) {
    const path = join(distDir, entry.name);
    if (entry.isDirectory()) { if (sourcesNewer(path, root, stamp)) return true; continue; }
    if (!entry.name.endsWith('.js')) continue;
    const source = join(root, relative(join(root, 'dist'), path)).replace(/\.js$/, '.ts');
    if (existsSync(source) && statSync(source).mtimeMs > stamp) return true;
  }
  return false;
}

/** For the compiled entry at dist/scripts/cli/entry.js: the repository root when the sources are newer. */
export function staleSourcesRoot(entryUrl: string): string | undefined {
  if (!entryUrl.endsWith('.js')) return undefined;
  const root = join(dirname(fileURLToPath(entryUrl)), '..', '..', '..');
  const stampPath = join(root, 'dist', 'BUILT');
  if (!existsSync(stampPath) || !existsSync(join(root, 'node_modules', 'tsx'))) return undefined;
  return sourcesNewer(join(root, 'dist'), root, statSync(stampPath).mtimeMs) ? root : undefined;
}
