// `nianbao check-db`: is the archive sound, and what does it hold?
import { checkArchive, summarizeArchive } from '../../storage/index.ts';
import { DB_OPTIONS, archivePath, openExistingArchive } from './archive-path.ts';
import { defineCommand, ExitCode } from './command.ts';
import { flag } from './options.ts';
import { startProgress } from './progress.ts';

/** The `check-db` command. */
export const checkDbCommand = defineCommand({
  name: 'check-db',
  summary: 'check the archive\'s integrity and summarise what it holds',
  description: `
Checks the archive. By default, in seconds at 100,000 reports, what grows with reports and
captures: SQLite's quick_check and the foreign keys of the registry tables (portals, runs,
captures but not their bodies, reports, sources, frontier), that every report matches its parse, names its chosen
source, has its wide row and is in both full-text indexes, and that the indexes hold no removed
report. --full checks everything (minutes): SQLite's integrity_check of the whole file, every
foreign key, FTS5's own check of both indexes, every field and check row of every report against
the counts stored and the parse, body sizes. With --verify-hashes also the sha256 of every
stored body. Then prints a summary: portals, runs, captures, bodies, parses, reports by template
and year, failing checks, reports from an older parser, the crawl frontier. Opening an archive
made by an older version migrates it. A missing file is refused (nothing is created). Progress
(checks done of all, with an ETA) goes to stderr.`,
  options: {
    full: flag('check everything: integrity_check of the whole file, every field row, FTS5\'s own\nindex check (an archive of 100,000 reports takes minutes)'),
    quick: flag('with --full, SQLite\'s quick_check instead of integrity_check (skips matching\nindexes to tables)'),
    'verify-hashes': flag('recompute every body\'s sha256 (reads all bodies)'),
    json: flag('the findings and summary as one JSON object'),
    ...DB_OPTIONS,
  },
  exitCodes: 'Exit code 0 when sound, 4 when a check fails, 3 when there is no archive at the path or the\nfile cannot be opened as one.',
  examples: ['nianbao check-db --db data/archive.sqlite', 'nianbao check-db --full --json'],
  async run({ options }) {
    // Writable so that FTS5's own integrity command can run; check-db never changes data.
    const archive = openExistingArchive(archivePath(options.db), { readonly: false });
    const progress = startProgress('check-db');
    try {
      const findings = checkArchive(archive, {
        full: options.full, verifyHashes: options['verify-hashes'], quick: options.quick,
        onProgress: (done, total, check) => progress.update(done, total, check),
      });
      progress.stop();
      let summary: Record<string, unknown>;
      try {
        summary = summarizeArchive(archive);
      } catch (error) {
        summary = { error: (error as Error).message };
      }
      const sound = findings.every((f) => f.problems.length === 0);
      if (options.json) console.log(JSON.stringify({ sound, findings, summary }));
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
      progress.stop();
      archive.close();
    }
  },
});
