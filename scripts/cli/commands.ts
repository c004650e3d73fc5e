// The registry of commands, in the order `nianbao --help` lists them. One file per command, each
// exporting one declaration (defineCommand): add a command by adding its file and one line here.
// A command's file is imported only when that command runs (or its help is asked for): each one
// imports what it needs (the archive, the crawler, the portal farm), and `nianbao parse` should not
// pay for loading the others' (SQLite, Parquet writers, the farm's documents). The name and summary
// are here so that `nianbao --help` loads none of them; a test holds them equal to the declarations.
import type { Command } from './command.ts';

/** One command as the registry knows it before its file is loaded. */
export interface CommandEntry {
  name: string;
  summary: string;
  load: () => Promise<Command>;
}

export const commands: CommandEntry[] = [
  { name: 'demo', summary: 'start the portal farm, crawl it into data/demo.sqlite, show what was found', load: async () => (await import('./demo.ts')).demoCommand },
  { name: 'parse', summary: 'parse report documents into the canonical fields', load: async () => (await import('./parse.ts')).parseCommand },
  { name: 'eval', summary: 'score the parsers on every document with a known answer', load: async () => (await import('./eval.ts')).evalCommand },
  { name: 'seed', summary: 'crawl one portal now and print what it found', load: async () => (await import('./seed.ts')).seedCommand },
  { name: 'portals', summary: 'the registry of portals for nightly crawls (add, import, list, remove)', load: async () => (await import('./portals.ts')).portalsCommand },
  { name: 'organs', summary: 'the organ registry: one organ, one row (list, show, alias, merge, split)', load: async () => (await import('./organs.ts')).organsCommand },
  { name: 'crawl', summary: 'the nightly crawl of every registered portal', load: async () => (await import('./crawl.ts')).crawlCommand },
  { name: 'query', summary: 'read-only SQL and named questions over the archive (JSON, CSV, TSV, table)', load: async () => (await import('./query.ts')).queryCommand },
  { name: 'audit', summary: 'the yearly audit per portal and organ: published? on time? complete? changed after publication?', load: async () => (await import('./audit.ts')).auditCommand },
  { name: 'tables', summary: 'list the archive\'s tables (and views), with row counts', load: async () => (await import('./tables.ts')).tablesCommand },
  { name: 'schema', summary: 'print the CREATE statements of the archive (or of some tables)', load: async () => (await import('./tables.ts')).schemaCommand },
  { name: 'rows', summary: 'print the rows of one table or view', load: async () => (await import('./tables.ts')).rowsCommand },
  { name: 'reparse', summary: 'parse stored captures again with the current parsers', load: async () => (await import('./reparse.ts')).reparseCommand },
  { name: 'export', summary: 'export reports as CSV, Parquet, XLSX, Stata .dta and the captures as WARC', load: async () => (await import('./export.ts')).exportCommand },
  { name: 'check-db', summary: 'check the archive\'s integrity and summarise what it holds', load: async () => (await import('./check-db.ts')).checkDbCommand },
  { name: 'serve', summary: 'browse the archive in a web browser (read-only, 127.0.0.1)', load: async () => (await import('./serve.ts')).serveCommand },
  { name: 'farm', summary: 'serve the test portal farm on loopback addresses', load: async () => (await import('./farm.ts')).farmCommand },
];

/** Every command's declaration, loaded (for the documentation test). */
export function loadAllCommands(): Promise<Command[]> {
  return Promise.all(commands.map((c) => c.load()));
}
