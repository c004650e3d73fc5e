// Which archive file a command uses: --db PATH, else $NIANBAO_DB, else ./data/archive.sqlite.
import { DEFAULT_ARCHIVE_PATH } from '../../storage/index.ts';
import { optionValue, type ParsedArgs } from './args.ts';

/** The option name every archive command accepts (list it among the command's valued options). */
export const DB_OPTION = 'db';

/** The help line every archive command shows for --db. */
export const DB_HELP = `  --db PATH   the archive file (default $NIANBAO_DB, else ${DEFAULT_ARCHIVE_PATH})`;

/** Resolves the archive path from parsed args and the environment. */
export function archivePath(args: ParsedArgs, env: NodeJS.ProcessEnv = process.env): string {
  return optionValue(args, DB_OPTION) ?? (env.NIANBAO_DB || DEFAULT_ARCHIVE_PATH);
}
