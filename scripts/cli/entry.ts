#!/usr/bin/env node
// The `nianbao` command. Installed, it runs compiled (dist/scripts/cli/entry.js, built by `npm ci`
// through `npm run build`); scripts/nianbao.mjs runs this same file from the sources through tsx,
// and so does the compiled entry when the sources beside it are newer than the build.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleSourcesRoot } from './stale-build.ts';

// `nianbao query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

const staleRoot = staleSourcesRoot(import.meta.url);
if (staleRoot) {
  if (!process.env.NIANBAO_QUIET_STALE) console.error('nianbao: dist/ is older than the sources; running the sources (npm run build compiles them)');
  await import(pathToFileURL(join(staleRoot, 'scripts', 'nianbao.mjs')).href);
} else {
  const { main } = await import('./main.ts');
  process.exitCode = await main(process.argv.slice(2));
}
