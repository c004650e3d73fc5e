// `nianbao export`: the archive's reports as files an analyst opens anywhere.
import { EXPORT_FORMATS, EXPORT_TABLES, exportArchive, type ExportTableName } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { CommandError, defineCommand, ExitCode } from './command.ts';
import { checkedOutDir } from './out-dir.ts';
import { flag, list, text } from './options.ts';
import { packageVersion } from './version.ts';
import { startProgress } from './progress.ts';

const TABLES = Object.keys(EXPORT_TABLES) as ExportTableName[];

/** The `export` command. */
export const exportCommand = defineCommand({
  name: 'export',
  summary: 'export reports as CSV, Parquet, XLSX, Stata .dta and the captures as WARC',
  description: `
Writes the reports as files into DIR (created if needed):
  reports_wide.csv / .parquet / .dta  one row per report, one column per field key (fields.tsv order)
  report_fields_long.csv / .parquet   one row per report and key: unit, value, raw string as printed,
                                      cell (figure | blank: printed without a figure | not_found),
                                      provenance (JSON)
  report_checks.csv / .parquet        every check of every report, with blame for failures
  data_dictionary.csv / .parquet      each wide column: its Stata name, Chinese label, unit, meaning
  reports.xlsx                        (--format xlsx) a sheet per table and the dictionary: a Chinese
                                      label row above the column names, both frozen, an autofilter
  captures.warc.gz                    (--format warc) every capture with a body, as WARC 1.1 records

Types that load as they are: in Parquet counts are nullable INT32, amounts DOUBLE, division codes
text, published_date a DATE, ok a BOOLEAN; in CSV every text value is quoted ("" is a printed
blank, nothing is a missing value), numbers are bare; in Stata names are at most 32 characters
(the dictionary maps them) with the Chinese labels as variable labels. Blank cells are empty, null
or Stata's missing value, never 0. Each file is written under a .partial name and renamed when
complete. Progress (reports done of all, per file) goes to stderr.

In pandas: pd.read_parquet("export/reports_wide.parquet"), or
pd.read_csv("export/reports_wide.csv", dtype={"region_code": str}); pd.read_stata("export/reports_wide.dta").
In R: arrow::read_parquet(…), or read.csv(…, check.names = FALSE, colClasses = c(region_code = "character")).
In Stata: use export/reports_wide.dta. In Excel: reports.xlsx, or a CSV written with --bom.`,
  options: {
    out: text('DIR', 'where to write (created if needed)', 'export'),
    format: list('LIST', EXPORT_FORMATS, `comma-separated: ${EXPORT_FORMATS.join(', ')}`, ['csv', 'parquet']),
    bom: flag('start CSV files with a UTF-8 byte-order mark (for Excel on Chinese Windows)'),
    tables: list('LIST', TABLES, `comma-separated: ${TABLES.join(', ')} (the dictionary always comes)`, [...TABLES]),
    json: flag('list the files written as JSON'),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when every file was written, 2 for bad arguments or an unusable --out, 3 when the\narchive cannot be opened, 4 when writing failed (the message says why; no half file is left).',
  examples: ['nianbao export --out export --format csv,parquet,xlsx', 'nianbao export --format dta,warc --tables wide', 'nianbao export --format csv --bom --tables wide'],
  async run({ options }) {
    const out = checkedOutDir(options.out);
    const archive = openExistingArchive(archivePath(options.db), { readonly: true });
    const progress = startProgress('export');
    try {
      const files = await exportArchive(archive, out, {
        formats: options.format, tables: options.tables, bom: options.bom, software: `nianbao/${packageVersion()}`,
        onProgress: (done, total, file) => progress.update(done, total, file),
      });
      progress.stop();
      if (options.json) console.log(JSON.stringify(files));
      else for (const file of files) console.log(`${file.path}\t${file.rows} rows${file.note ? `\t${file.note}` : ''}`);
      return ExitCode.ok;
    } catch (error) {
      progress.stop();
      throw new CommandError(`writing into ${out} failed: ${(error as Error).message}`, ExitCode.failure);
    } finally {
      archive.close();
    }
  },
});
