// `nianbao reparse`: re-runs the parsers over stored captures, without fetching anything.
import { PARSER_VERSION } from '../../parsers/index.ts';
import { reparseArchive } from '../../storage/index.ts';
import { archivePath, DB_HELP, DB_OPTION } from './archive-path.ts';
import { parseArgs } from './args.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { openArchiveForCommand } from './open-archive.ts';

const help = `
nianbao reparse [--all] [--unparsed] [--json] [--db PATH]

Parses stored captures again with the current parsers (version ${PARSER_VERSION}) and re-chooses the
reports they feed. Nothing is fetched. By default only captures whose latest parse came from an
older parser version; each capture is recorded in its own transaction, so an interrupted reparse
keeps its work and running it again finishes the rest. Running it twice changes nothing.

  --all        every parsed capture, whatever its parser version
  --unparsed   also captures with a body that were never parsed (a crawl stopped in between)
  --json       print the summary as JSON
${DB_HELP}

Exit code 0 when every capture parsed, 1 when some could not be parsed (listed), 3 when the
archive cannot be opened.

Example:
  nianbao reparse --all --db data/archive.sqlite
`;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['all', 'unparsed', 'json'], [DB_OPTION]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const archive = openArchiveForCommand('reparse', archivePath(args), false);
  if (typeof archive === 'number') return archive;
  try {
    const showProgress = process.stderr.isTTY && !args.flags.has('json');
    const summary = await reparseArchive(archive, { all: args.flags.has('all'), includeUnparsed: args.flags.has('unparsed') },
      showProgress ? (done, total) => process.stderr.write(`\rreparsed ${done}/${total}`) : undefined);
    if (showProgress && summary.selected > 0) process.stderr.write('\n');
    if (args.flags.has('json')) console.log(JSON.stringify(summary));
    else {
      console.log(`parser ${summary.parserVersion}: ${summary.selected} captures selected, ${summary.changed} parsed anew, `
        + `${summary.unchanged} unchanged, ${summary.reports} feeding a report, ${summary.failed.length} failed`);
      for (const failure of summary.failed) console.log(`  capture ${failure.captureId}: ${failure.error}`);
    }
    return summary.failed.length > 0 ? ExitCode.problems : ExitCode.ok;
  } finally {
    archive.close();
  }
}

/** The `reparse` subcommand. */
export const reparseCommand: Command = { name: 'reparse', summary: 'parse stored captures again with the current parsers', help, run };
