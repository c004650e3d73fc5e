#!/usr/bin/env node
// The `nianbao` command from the sources, through tsx (development, and the fallback of the
// compiled command when dist/ is older than the sources). The installed command is the compiled
// dist/scripts/cli/entry.js (npm run build).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv.slice(2));
