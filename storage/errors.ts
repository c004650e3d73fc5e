// The error storage throws for a file it cannot use (not an archive, too new, damaged, missing).

/** A problem with the archive file itself; the message says what and what to do. */
export class ArchiveError extends Error {
  override name = 'ArchiveError';
}
