// Where the tests find the repository, its committed fixtures and ../shared, wherever a test file sits.
import { join } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** test/fixtures: the seed renderings, our corpus labels, the schema snapshot. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
/** ../shared beside the repository: spec, seeds, corpus, notes. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
