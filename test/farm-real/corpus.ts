// Where the real portal pages are: ../shared/corpus/portals beside the repository.
import { join } from 'node:path';
import { SHARED } from '../farm/documents.ts';

export const CORPUS_DIR = join(SHARED, 'corpus', 'portals');
