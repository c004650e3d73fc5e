#!/usr/bin/env node
// Entry point of the `nianbao` command: registers tsx so the TypeScript sources run as they are.
import { register } from 'tsx/esm/api';

register();
// `nianbao query … | head` closes the pipe early: that is the reader's choice, not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { main } = await import('./cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
