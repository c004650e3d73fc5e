// The registry of subcommands, in the order `nianbao --help` lists them. One file per command.
import type { Command } from './command.ts';
import { parseCommand } from './parse.ts';
import { evalCommand } from './eval.ts';
import { queryCommand } from './query.ts';
import { reparseCommand } from './reparse.ts';
import { exportCommand } from './export.ts';
import { checkDbCommand } from './check-db.ts';
import { seedCommand } from './seed.ts'; import { portalsCommand } from './portals.ts'; import { crawlCommand } from './crawl.ts'; import { serveCommand } from './serve.ts';

import { demoCommand } from './demo.ts';
import { farmCommand } from './farm.ts';

export const commands: Command[] = [demoCommand, parseCommand, evalCommand, seedCommand, portalsCommand, crawlCommand, queryCommand, reparseCommand, exportCommand, checkDbCommand, serveCommand, farmCommand];
