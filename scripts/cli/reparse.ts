// `nianbao reparse`: re-runs the parsers over stored captures, without fetching anything.
import { PARSER_VERSION, ParsePool } from '../../parsers/index.ts';
import { reparseArchive } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode } from './command.ts';
import { flag, number, repeated } from './options.ts';
import { startProgress } from './progress.ts';

/** The `reparse` command. */
export const reparseCommand = defineCommand({
  name: 'reparse',
  summary: 'parse stored captures again with the current parsers',
  description: `
Parses stored captures again with the current parsers (version ${PARSER_VERSION}) and re-chooses the
reports they feed. Nothing is fetched. By default only captures whose latest parse came from an
older parser version; each capture is recorded in its own transaction, so an interrupted reparse
keeps its work and running it again finishes the rest. Running it twice changes nothing.
Progress (captures done of selected, with an ETA) goes to stderr.`,
  options: {
    all: flag('every parsed capture, whatever its parser version'),
    unparsed: flag('also captures with a body that were never parsed (crawl --no-parse, a crawl stopped in between)'),
    failed: repeated('CODE', 'only captures whose latest parse failed with CODE, whatever its parser version (repeatable):\nocr_deferred after crawl --ocr-later, ocr_unavailable once tesseract is installed'),
    json: flag('print the summary as JSON'),
    jobs: number('N', 'worker threads parsing at once (default: one per core)', { integer: true, min: 1 }),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when every capture parsed, 1 when some could not be parsed (listed), 3 when the\narchive does not exist or cannot be opened.',
  examples: ['nianbao reparse --all --db data/archive.sqlite', 'nianbao reparse --failed ocr_deferred --jobs 8   # the scans a crawl --ocr-later left'],
  async run({ options }) {
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    const progress = startProgress('reparse');
    const parser = new ParsePool(options.jobs);
    try {
      const summary = await reparseArchive(archive, { all: options.all, includeUnparsed: options.unparsed, failedWith: options.failed },
        (done, total) => progress.update(done, total, 'captures'), { parser });
      progress.stop();
      if (options.json) console.log(JSON.stringify(summary));
      else {
        console.log(`parser ${summary.parserVersion}: ${summary.selected} captures selected, ${summary.changed} parsed anew, `
          + `${summary.unchanged} unchanged, ${summary.reports} feeding a report, ${summary.failed.length} failed`
          + `${summary.organsMoved ? `; ${summary.organsMoved} printed name(s) now resolve to another organ` : ''}`);
        for (const failure of summary.failed) console.log(`  capture ${failure.captureId}: ${failure.error}`);
      }
      return summary.failed.length > 0 ? ExitCode.problems : ExitCode.ok;
    } finally {
      progress.stop();
      await parser.close();
      archive.close();
    }
  },
});
