// `nianbao query`: read-only SQL or a named question over the archive; JSON, CSV or a table.
import { NAMED_QUERIES, parseParamValue, QueryError, runNamedQuery, runReadOnlyQuery, writeCsv, writeJson, writeNdjson, writeTable } from '../../storage/index.ts';
import { archivePath, DB_HELP, DB_OPTION } from './archive-path.ts';
import { parseArgs, optionValue } from './args.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { openArchiveForCommand } from './open-archive.ts';

const namedList = NAMED_QUERIES.map((q) => {
  const params = q.params.map((p) => (p.required ? ` --param ${p.name}=…` : ` [--param ${p.name}=…]`)).join('');
  return `  ${q.name.padEnd(15)} ${q.summary}\n  ${' '.repeat(15)}${params || ' (no parameters)'}`;
}).join('\n');

const help = `
nianbao query "<sql>" [--param NAME=VALUE ...] [--csv | --table | --nl] [--db PATH]
nianbao query --named NAME [--param NAME=VALUE ...] [--csv | --table | --nl] [--db PATH]

Runs one read-only SQL statement over the archive (the connection cannot write; statements that
would write are refused) and prints the rows: a JSON array of objects by default.

  --param NAME=VALUE  binds :NAME (or @NAME, $NAME) in the SQL; repeatable; digits become numbers
  --named NAME        runs a named query instead of SQL (list below)
  --csv               CSV with a header line
  --table             an aligned text table
  --nl                one JSON object per line
${DB_HELP}

Named queries:
${namedList}

Useful tables and views: reports, reports_wide (one column per field key), report_fields
(report_id, key, value, raw, provenance), report_checks, report_sources, captures, portals,
crawl_runs, report_search (FTS5, trigram: MATCH needs 3+ characters).

Exit code 0 when the query ran (even with no rows), 2 for a bad query or option, 3 when the
archive cannot be opened.

Examples:
  nianbao query "SELECT organ, year, \\"apps.new.total\\" FROM reports_wide WHERE year = :y" --param y=2021 --table
  nianbao query --named coverage --param from=2019 --table
  nianbao query --named failing-checks --param blame=source --csv
`;

/** Thrown by the output sink once the reader of stdout has gone away. */
class StdoutClosed extends Error {}

function parseParams(values: string[]): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const text of values) {
    const match = /^([A-Za-z_]\w*)=(.*)$/s.exec(text);
    if (!match) throw new UsageError(`--param wants NAME=VALUE, got '${text}'`);
    params[match[1]] = parseParamValue(match[2]);
  }
  return params;
}

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['csv', 'table', 'nl'], ['param', 'named', DB_OPTION]);
  const named = optionValue(args, 'named');
  const formats = ['csv', 'table', 'nl'].filter((f) => args.flags.has(f));
  if (formats.length > 1) throw new UsageError(`choose one output format, not ${formats.map((f) => `--${f}`).join(' and ')}`);
  if (named && args.positionals.length > 0) throw new UsageError('give either SQL or --named, not both');
  if (!named && args.positionals.length !== 1) throw new UsageError('give one SQL statement in quotes (or --named NAME)');
  const params = parseParams(args.values.get('param') ?? []);
  const archive = openArchiveForCommand('query', archivePath(args), true);
  if (typeof archive === 'number') return archive;
  try {
    const result = named ? runNamedQuery(archive, named, params) : runReadOnlyQuery(archive, args.positionals[0], params);
    // `nianbao query … | head` closes stdout early: stop writing quietly instead of crashing.
    let closed = false;
    process.stdout.on('error', (error: NodeJS.ErrnoException) => { if (error.code === 'EPIPE') closed = true; else throw error; });
    const write = (chunk: string) => {
      if (closed) throw new StdoutClosed();
      process.stdout.write(chunk);
    };
    const writer = { csv: writeCsv, table: writeTable, nl: writeNdjson }[formats[0] as 'csv'] ?? writeJson;
    writer(result.columns, result.rows, write);
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof StdoutClosed) return ExitCode.ok;
    if (!(error instanceof QueryError)) throw error;
    console.error(`nianbao query: ${error.message}`);
    return ExitCode.usage;
  } finally {
    archive.close();
  }
}

/** The `query` subcommand. */
export const queryCommand: Command = { name: 'query', summary: 'read-only SQL and named questions over the archive (JSON, CSV, table)', help, run };
