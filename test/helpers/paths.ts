// Where the tests find the repository, its committed fixtures and ../shared, wherever a test file sits.
import { join } from 'node:path';

/** The repository root. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** test/fixtures: the seed renderings, the regression fixtures, the schema snapshot. */
export const FIXTURES_DIR = join(REPO_ROOT, 'test', 'fixtures');
/** test/corpus/expected: our labels of the real documents in ../shared/corpus/peers. */
export const CORPUS_EXPECTED_DIR = join(REPO_ROOT, 'test', 'corpus', 'expected');
/** ../shared beside the repository: spec, seeds, corpus, notes. */
export const SHARED = join(REPO_ROOT, '..', 'shared');
