// Summaries that take a scan of every report (search facets, the organ list) computed once per
// archive state: recomputed only after a crawl or reparse commits (SQLite's data_version moves).
import { archiveDataVersion, browseFacets, organsWithReports, type Archive, type BrowseFacets } from '../../storage/index.ts';

interface Entry<T> { archive: Archive; version: number; value: T }

function memoByArchiveVersion<T>(compute: (archive: Archive) => T): (archive: Archive) => T {
  let entry: Entry<T> | undefined;
  return (archive) => {
    const version = archiveDataVersion(archive);
    if (!entry || entry.archive !== archive || entry.version !== version) entry = { archive, version, value: compute(archive) };
    return entry.value;
  };
}

/** browseFacets, cached until the archive changes. */
export const cachedFacets: (archive: Archive) => BrowseFacets = memoByArchiveVersion(browseFacets);

/** organsWithReports, cached until the archive changes. */
export const cachedOrgans: (archive: Archive) => ReturnType<typeof organsWithReports> = memoByArchiveVersion(organsWithReports);
