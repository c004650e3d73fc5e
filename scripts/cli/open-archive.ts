// Opening the archive for a command, turning a missing or foreign file into a clear message.
import { ArchiveError, openArchive, type Archive } from '../../storage/index.ts';
import { ExitCode } from './command.ts';

/** Opens the archive, or prints why not and returns the exit code to use. */
export function openArchiveForCommand(command: string, path: string, readonly: boolean): Archive | number {
  try {
    return openArchive(path, { readonly });
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    console.error(`nianbao ${command}: ${error.message}`);
    return ExitCode.badInput;
  }
}
