// `nianbao export`: the archive's reports as files an analyst opens anywhere.
import { EXPORT_TABLES, exportArchive, type ExportFormat, type ExportTableName } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { CommandError, defineCommand, ExitCode } from './command.ts';
import { checkedOutDir } from './out-dir.ts';
import { flag, list, text } from './options.ts';

const FORMATS = ['csv', 'parquet', 'xlsx'] as const satisfies readonly ExportFormat[];
const TABLES = Object.keys(EXPORT_TABLES) as ExportTableName[];

/** The `export` command. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export reports as wide/long CSV, Parquet, XLSX with a data dictionary',
  description: `
Writes the reports as files into DIR:
  reports_wide.csv / .parquet        one row per report, one column per field key (fields.tsv order)
  report_fields_long.csv / .parquet  one row per report and key: value, raw string, provenance (JSON)
  report_checks.csv / .parquet       every check of every report, with blame for failures
  data_dictionary.csv / .parquet     what each wide column means, from fields.tsv
  reports.xlsx                       (with --format xlsx) the wide table and the dictionary as sheets

Blank cells are empty (CSV) or null (Parquet), never 0. Each file is written under a .partial
name and renamed when complete.`,
  options: {
    out: text('DIR', 'where to write (created if needed)', 'export'),
    format: list('LIST', FORMATS, `comma-separated: ${FORMATS.join(', ')}`, ['csv', 'parquet']),
    tables: list('LIST', TABLES, `comma-separated: ${TABLES.join(', ')} (the dictionary always comes)`, [...TABLES]),
    json: flag('list the files written as JSON'),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when every file was written, 2 for bad arguments or an unusable --out, 3 when the\narchive cannot be opened, 4 when writing failed (the message says why; no half file is left).',
  examples: ['nianbao export --out export --format csv,parquet,xlsx'],
  async run({ options }) {
    const out = checkedOutDir(options.out);
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    try {
      const files = exportArchive(archive, out, options.format, options.tables);
      if (options.json) console.log(JSON.stringify(files));
      else for (const file of files) console.log(`${file.path}\t${file.rows} rows`);
      return ExitCode.ok;
    } catch (error) {
      throw new CommandError(`writing into ${out} failed: ${(error as Error).message}`, ExitCode.failure);
    } finally {
      archive.close();
    }
  },
});
