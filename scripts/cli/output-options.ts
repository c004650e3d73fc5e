// How rows are printed, as sqlite-utils prints them: JSON objects by default, or --arrays, --nl,
// --csv, --tsv, --table; shared by query, rows, tables and schema. Rows go to stdout through a
// sink that stops quietly when the reader closes the pipe (`… | head`).
import { writeArrays, writeCsv, writeJson, writeNdjson, writeTable, writeTsv } from '../../storage/index.ts';
import { UsageError } from './command.ts';
import { flag, type OptionValues } from './options.ts';
import { fdSink, OutputClosed } from './stdout-sink.ts';

/** The output format options. */
export const OUTPUT_OPTIONS = {
  csv: flag('CSV with a header line'),
  tsv: flag('tab-separated values with a header line'),
  table: flag('an aligned text table'),
  nl: flag('one JSON object per line'),
  arrays: flag('a JSON array of arrays (one per row, in column order)'),
};

const WRITERS = { csv: writeCsv, tsv: writeTsv, table: writeTable, nl: writeNdjson, arrays: writeArrays } as const;

/** Prints rows in the chosen format; returns false when the reader closed stdout early. */
export function printRows(options: OptionValues<typeof OUTPUT_OPTIONS>, columns: string[], rows: Iterable<unknown[]>): boolean {
  const chosen = (Object.keys(WRITERS) as (keyof typeof WRITERS)[]).filter((f) => options[f]);
  if (chosen.length > 1) throw new UsageError(`choose one output format, not ${chosen.map((f) => `--${f}`).join(' and ')}`);
  const writer = chosen.length ? WRITERS[chosen[0]] : writeJson;
  const sink = fdSink();
  try {
    writer(columns, rows, sink.write);
    sink.end();
    return true;
  } catch (error) {
    if (error instanceof OutputClosed) return false;
    throw error;
  }
}
