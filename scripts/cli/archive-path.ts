// Which archive file a command uses (--db PATH, else $NIANBAO_DB, else ./data/archive.sqlite) and
// how it is opened: commands that only read or repair refuse a missing file instead of creating
// an empty archive under a mistyped name.
import { ArchiveError, DEFAULT_ARCHIVE_PATH, openArchive, type Archive } from '../../storage/index.ts';
import { CommandError, ExitCode } from './command.ts';
import { text } from './options.ts';

/** The --db option every archive command declares. */
export const DB_OPTIONS = {
  db: text('PATH', `the archive file (default $NIANBAO_DB, else ${DEFAULT_ARCHIVE_PATH})`),
};

/** Resolves the archive path from the --db value and the environment. */
export function archivePath(db: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return db ?? (env.NIANBAO_DB || DEFAULT_ARCHIVE_PATH);
}

/**
 * Opens an archive that must already exist (read-only, or writable for commands that change what
 * is there: reparse, check-db, portals remove). A missing or foreign file is exit code 3.
 */
export function openExistingArchive(path: string, mode: { readonly: boolean }): Archive {
  try {
    return openArchive(path, { readonly: mode.readonly, mustExist: true });
  } catch (error) {
    if (error instanceof ArchiveError) throw new CommandError(error.message, ExitCode.badInput);
    throw error;
  }
}

/** Opens the archive, creating it when missing (seed, crawl into a new file, portals add/import). */
export function openOrCreateArchive(path: string): Archive {
  try {
    return openArchive(path);
  } catch (error) {
    if (error instanceof ArchiveError) throw new CommandError(error.message, ExitCode.badInput);
    throw error;
  }
}
