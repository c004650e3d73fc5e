// `nianbao query "<sql>"` and `nianbao query --named NAME`: read-only SQL over the archive.
import { NAMED_QUERIES, parseParamAssignment, QueryError, runNamedQuery, runReadOnlyQuery, type ParamValue } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { repeated, text } from './options.ts';
import { OUTPUT_OPTIONS, printRows } from './output-options.ts';
import { didYouMean } from './suggest.ts';

function typeHint(type: string | undefined): string {
  return type === 'int' ? 'N' : type === 'real' ? 'X' : '…';
}

const namedList = NAMED_QUERIES.map((q) => {
  const params = q.params.map((p) => (p.required ? ` --param ${p.name}=${typeHint(p.type)}` : ` [--param ${p.name}=${typeHint(p.type)}]`)).join('');
  return `  ${q.name.padEnd(15)} ${q.summary}\n  ${' '.repeat(15)}${params || ' (no parameters)'}`;
}).join('\n');

function parseParams(values: string[]): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const assignment of values) {
    try {
      const { name, value } = parseParamAssignment(assignment);
      params[name] = value;
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    }
  }
  return params;
}

/** The `query` command. */
export const queryCommand = defineCommand({
  name: 'query',
  summary: 'read-only SQL and named questions over the archive (JSON, CSV, TSV, table)',
  description: `
nianbao query "<sql>" [--param NAME=VALUE ...] [--csv | --tsv | --table | --nl | --arrays]
nianbao query --named NAME [--param NAME=VALUE ...]

Runs one read-only SQL statement over the archive (the connection cannot write; statements that
would write are refused) and prints the rows: a JSON array of objects by default. Printing stops
as soon as the reader closes the pipe (\`nianbao query … | head\`).

Named queries:
${namedList}

Useful tables and views (nianbao tables --counts lists them all, nianbao schema shows their SQL):
reports, reports_wide (one column per field key), report_fields (report_id, key, value, raw,
provenance), report_checks, report_sources, captures, portals, crawl_runs, report_search (FTS5,
trigram: MATCH needs 3+ characters).`,
  positionals: { label: '["<sql>"]', min: 0, max: 1 },
  options: {
    param: repeated('NAME=VALUE', 'binds :NAME (or @NAME, $NAME) in the SQL; repeatable; the value is text as written unless typed: NAME:int=4107, NAME:real=0.5 (a named query types its own parameters)'),
    named: text('NAME', 'runs a named query instead of SQL (list above)'),
    ...OUTPUT_OPTIONS,
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when the query ran (even with no rows), 2 for a bad query or option, 3 when the\narchive cannot be opened.',
  examples: [
    'nianbao query "SELECT organ, year, \\"apps.new.total\\" FROM reports_wide WHERE year = :y" --param y=2021 --table',
    'nianbao query --named coverage --param from=2019 --table',
    'nianbao query --named failing-checks --param blame=source --csv',
    'nianbao query "SELECT * FROM report_fields" --tsv | head',
  ],
  async run({ options, positionals }) {
    const named = options.named;
    if (named && positionals.length > 0) throw new UsageError('give either SQL or --named, not both');
    if (!named && positionals.length !== 1) throw new UsageError('give one SQL statement in quotes (or --named NAME)');
    if (named && !NAMED_QUERIES.some((q) => q.name === named)) {
      throw new UsageError(`no named query '${named}'${didYouMean(named, NAMED_QUERIES.map((q) => q.name))} (known: ${NAMED_QUERIES.map((q) => q.name).join(', ')})`);
    }
    const params = parseParams(options.param);
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    try {
      const result = named ? runNamedQuery(archive, named, params) : runReadOnlyQuery(archive, positionals[0], params);
      printRows(options, result.columns, result.rows);
      return ExitCode.ok;
    } catch (error) {
      if (error instanceof QueryError) throw new UsageError(error.message);
      throw error;
    } finally {
      archive.close();
    }
  },
});
