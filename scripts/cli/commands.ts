// The registry of commands, in the order `nianbao --help` lists them. One file per command, each
// exporting one declaration (defineCommand): add a command by adding its file and one line here.
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';
import { parseCommand } from './parse.ts';
import { evalCommand } from './eval.ts';
import { seedCommand } from './seed.ts';
import { portalsCommand } from './portals.ts';
import { organsCommand } from './organs.ts';
import { auditCommand } from './audit.ts';
import { crawlCommand } from './crawl.ts';
import { queryCommand } from './query.ts';
import { tablesCommand, schemaCommand, rowsCommand } from './tables.ts';
import { reparseCommand } from './reparse.ts';
import { exportCommand } from './export.ts';
import { checkDbCommand } from './check-db.ts';
import { serveCommand } from './serve.ts';
import { farmCommand } from './farm.ts';

export const commands: Command[] = [
  demoCommand,
  parseCommand,
  evalCommand,
  seedCommand,
  portalsCommand,
  organsCommand,
  crawlCommand,
  queryCommand,
  auditCommand,
  tablesCommand,
  schemaCommand,
  rowsCommand,
  reparseCommand,
  exportCommand,
  checkDbCommand,
  serveCommand,
  farmCommand,
];
