// `nianbao check-db`: is the archive sound, and what does it hold?
import { checkArchive, summarizeArchive } from '../../storage/index.ts';
import { archivePath, DB_HELP, DB_OPTION } from './archive-path.ts';
import { parseArgs } from './args.ts';
import { ExitCode, UsageError, type Command } from './command.ts';
import { openArchiveForCommand } from './open-archive.ts';

const help = `
nianbao check-db [--quick] [--verify-hashes] [--json] [--db PATH]

Checks the archive: SQLite's integrity_check, foreign keys, the full-text index against the
reports, that no report is half-written (its wide row, every field and check of its parse, its
chosen source), body sizes; with --verify-hashes also the sha256 of every stored body. Then
prints a summary: portals, runs, captures, bodies, parses, reports by template and year,
failing checks, reports from an older parser, the crawl frontier. Opening an archive made by an
older version migrates it.

  --quick          SQLite's quick_check instead of integrity_check (skips matching indexes to
                   tables; an archive of 100,000 reports takes about 2 minutes in full)
  --verify-hashes  recompute every body's sha256 (reads all bodies)
  --json           the findings and summary as one JSON object
${DB_HELP}

Exit code 0 when sound, 4 when a check fails, 3 when the file cannot be opened as an archive.

Example:
  nianbao check-db --db data/archive.sqlite
`;

async function run(argv: string[]): Promise<number> {
  const args = parseArgs(argv, ['quick', 'verify-hashes', 'json'], [DB_OPTION]);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}'`);
  const path = archivePath(args);
  // Writable so that FTS5's own integrity command can run; check-db never changes data.
  const archive = openArchiveForCommand('check-db', path, false);
  if (typeof archive === 'number') return archive;
  try {
    const findings = checkArchive(archive, { verifyHashes: args.flags.has('verify-hashes'), quick: args.flags.has('quick') });
    let summary: Record<string, unknown>;
    try {
      summary = summarizeArchive(archive);
    } catch (error) {
      summary = { error: (error as Error).message };
    }
    const sound = findings.every((f) => f.problems.length === 0);
    if (args.flags.has('json')) console.log(JSON.stringify({ sound, findings, summary }));
    else {
      for (const finding of findings) {
        console.log(`${finding.problems.length === 0 ? 'ok  ' : 'FAIL'}  ${finding.check}`);
        for (const problem of finding.problems) console.log(`        ${problem}`);
      }
      console.log('');
      for (const [key, value] of Object.entries(summary)) console.log(`${key.padEnd(24)} ${typeof value === 'object' ? JSON.stringify(value) : value}`);
    }
    return sound ? ExitCode.ok : ExitCode.failure;
  } finally {
    archive.close();
  }
}

/** The `check-db` subcommand. */
export const checkDbCommand: Command = { name: 'check-db', summary: 'check the archive\'s integrity and summarise what it holds', help, run };
