// `nianbao export`: the archive's reports as files an analyst opens anywhere.
import { EXPORT_TABLES, exportArchive, type ExportFormat, type ExportTableName } from '../../storage/index.ts';
import { archivePath, DB_HELP, DB_OPTION } from './archive-path.ts';
import { optionValue, parseArgs } from './args.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { openArchiveForCommand } from './open-archive.ts';

const help = `
nianbao export [--out DIR] [--format csv,parquet,xlsx] [--tables wide,long,checks] [--json] [--db PATH]

Writes the reports as files into DIR (default ./export):
  reports_wide.csv / .parquet        one row per report, one column per field key (fields.tsv order)
  report_fields_long.csv / .parquet  one row per report and key: value, raw string, provenance (JSON)
  report_checks.csv / .parquet       every check of every report, with blame for failures
  data_dictionary.csv / .parquet     what each wide column means, from fields.tsv
  reports.xlsx                       (with --format xlsx) the wide table and the dictionary as sheets

Blank cells are empty (CSV) or null (Parquet), never 0. Each file is written under a .partial
name and renamed when complete.

  --out DIR        where to write (created if needed)
  --format LIST    comma-separated: csv, parquet, xlsx (default csv,parquet)
  --tables LIST    comma-separated: wide, long, checks (default all; the dictionary always comes)
  --json           list the files written as JSON
${DB_HELP}

Example:
  nianbao export --out export --format csv,parquet,xlsx
`;

const FORMATS: ExportFormat[] = ['csv', 'parquet', 'xlsx'];

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['json'], ['out', 'format', 'tables', DB_OPTION]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const formats = (optionValue(args, 'format', 'csv,parquet') ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as ExportFormat));
  if (unknown.length || formats.length === 0) throw new UsageError(`--format takes ${FORMATS.join(', ')}; got '${unknown.join(',') || 'nothing'}'`);
  const tables = (optionValue(args, 'tables', 'wide,long,checks') ?? '').split(',').map((t) => t.trim()).filter(Boolean);
  const unknownTables = tables.filter((t) => !(t in EXPORT_TABLES));
  if (unknownTables.length || tables.length === 0) throw new UsageError(`--tables takes ${Object.keys(EXPORT_TABLES).join(', ')}; got '${unknownTables.join(',') || 'nothing'}'`);
  const archive = openArchiveForCommand('export', archivePath(args), true);
  if (typeof archive === 'number') return archive;
  try {
    const files = exportArchive(archive, optionValue(args, 'out', 'export')!, formats as ExportFormat[], tables as ExportTableName[]);
    if (args.flags.has('json')) console.log(JSON.stringify(files));
    else for (const file of files) console.log(`${file.path}\t${file.rows} rows`);
    return ExitCode.ok;
  } catch (error) {
    console.error(`nianbao export: ${(error as Error).message}`);
    return ExitCode.failure;
  } finally {
    archive.close();
  }
}

/** The `export` subcommand. */
export const exportCommand: Command = { name: 'export', summary: 'export reports as wide/long CSV, Parquet, XLSX with a data dictionary', help, run };
