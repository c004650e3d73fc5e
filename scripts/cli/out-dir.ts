// Checking an output directory before anything is written: an export into /proc or /sys used to
// spin for ever (Node's recursive mkdir loops on pseudo file systems that answer ENOENT), and a
// directory that cannot be written should fail before minutes of work, with one clear line.
import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './command.ts';

const PSEUDO_FILE_SYSTEMS = ['/proc', '/sys', '/dev'];

/** Returns the directory (resolved), created level by level if needed, or throws UsageError. */
export function checkedOutDir(dir: string): string {
  const full = resolve(dir);
  const pseudo = PSEUDO_FILE_SYSTEMS.find((p) => full === p || full.startsWith(`${p}/`));
  if (pseudo) throw new UsageError(`--out ${dir}: ${pseudo} is not a place for files (a kernel file system); choose another directory`);
  const missing: string[] = [];
  let existing = full;
  for (;;) {
    try {
      if (!statSync(existing).isDirectory()) throw new UsageError(`--out ${dir}: ${existing} is a file, not a directory`);
      break;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(existing) === existing) throw new UsageError(`--out ${dir}: ${(error as Error).message}`);
      missing.unshift(existing);
      existing = dirname(existing);
    }
  }
  try {
    accessSync(existing, constants.W_OK);
    for (const level of missing) mkdirSync(level);
  } catch (error) {
    throw new UsageError(`--out ${dir}: cannot write there (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  return full;
}
