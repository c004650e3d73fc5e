// sqlite-utils habits over the archive: `nianbao tables [--counts] [--views]`, `nianbao schema
// [TABLE ...]` and `nianbao rows TABLE [--limit N]`, printed like `query` (JSON, --csv, --tsv,
// --table, --nl, --arrays).
import { listTables, QueryError, schemaSql, tableNames, tableRows } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode, UsageError } from './command.ts';
import { flag, number } from './options.ts';
import { OUTPUT_OPTIONS, printRows } from './output-options.ts';
import { didYouMean } from './suggest.ts';

function readOnly<T>(db: string | undefined, work: (archive: ReturnType<typeof openExistingArchive>) => T): T {
  const archive = openExistingArchive(archivePath(db), { readonly: true });
  try {
    return work(archive);
  } catch (error) {
    if (error instanceof QueryError) {
      const typed = /'([^']+)'/.exec(error.message)?.[1] ?? '';
      throw new UsageError(`${error.message}${didYouMean(typed, tableNames(archive))}`);
    }
    throw error;
  } finally {
    archive.close();
  }
}

/** The `tables` command. */
export const tablesCommand = defineCommand({
  name: 'tables',
  summary: 'list the archive\'s tables (and views), with row counts',
  description: 'Lists the tables of the archive (and with --views the views, such as reports_wide), like\nsqlite-utils tables.',
  options: {
    counts: flag('add each table\'s row count'),
    views: flag('list the views too'),
    ...OUTPUT_OPTIONS,
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0, 3 when there is no archive at the path.',
  examples: ['nianbao tables --counts --table'],
  async run({ options }) {
    readOnly(options.db, (archive) => {
      const result = listTables(archive, { counts: options.counts, views: options.views });
      printRows(options, result.columns, result.rows);
    });
    return ExitCode.ok;
  },
});

/** The `schema` command. */
export const schemaCommand = defineCommand({
  name: 'schema',
  summary: 'print the CREATE statements of the archive (or of some tables)',
  description: 'Prints the SQL that creates every table, view, index and trigger of the archive, or only those of\nthe tables named, like sqlite-utils schema.',
  positionals: { label: '[TABLE...]', min: 0, max: Infinity },
  options: { ...DB_OPTIONS },
  exitCodes: 'Exit code 0, 2 for an unknown table, 3 when there is no archive at the path.',
  examples: ['nianbao schema report_fields'],
  async run({ options, positionals }) {
    console.log(readOnly(options.db, (archive) => schemaSql(archive, positionals)));
    return ExitCode.ok;
  },
});

/** The `rows` command. */
export const rowsCommand = defineCommand({
  name: 'rows',
  summary: 'print the rows of one table or view',
  description: 'Prints the rows of a table or view (reports_wide, report_fields, captures …), like sqlite-utils\nrows; printing stops when the reader closes the pipe.',
  positionals: { label: '<TABLE>', min: 1, max: 1 },
  options: {
    limit: number('N', 'at most N rows', { integer: true, min: 0 }),
    offset: number('N', 'skip the first N rows', { integer: true, min: 0 }),
    ...OUTPUT_OPTIONS,
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0, 2 for an unknown table, 3 when there is no archive at the path.',
  examples: ['nianbao rows reports_wide --limit 5 --csv', 'nianbao rows report_checks --tsv | head'],
  async run({ options, positionals }) {
    readOnly(options.db, (archive) => {
      const result = tableRows(archive, positionals[0], { limit: options.limit, offset: options.offset });
      printRows(options, result.columns, result.rows);
    });
    return ExitCode.ok;
  },
});
