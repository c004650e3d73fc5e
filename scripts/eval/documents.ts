// The documents with known answers: the seeds as text, the seeds rendered into every format
// (test/fixtures/seeds), and the real corpus documents labelled by us (test/fixtures/corpus).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface LabelledDocument {
  name: string;
  path: string;
  expectedPath: string;
  /** OCR'd documents are scored apart: their accuracy is a measurement, not a promise. */
  ocr: boolean;
}

/** The repository root, found from here whether this runs from source or compiled into dist/. */
function repositoryRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repositoryRoot(import.meta.dirname);
export const SHARED_DIR = join(ROOT, '..', 'shared');

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function seedDocuments(): LabelledDocument[] {
  const expectedDir = join(SHARED_DIR, 'spec', 'expected');
  const names = filesUnder(expectedDir).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
  const fixtures = filesUnder(join(ROOT, 'test', 'fixtures', 'seeds'));
  return names.flatMap((name) => {
    const expectedPath = join(expectedDir, `${name}.json`);
    const text = { name: `${name}.txt`, path: join(SHARED_DIR, 'seeds', `${name}.txt`), expectedPath, ocr: false };
    const rendered = fixtures
      .filter((f) => basename(f).startsWith(`${name}.`) && !/\.(json|md|txt)$/.test(f))
      .map((f) => ({ name: basename(f), path: f, expectedPath, ocr: /scan|image|\.png$|\.jpe?g$/.test(basename(f)) }));
    return [text, ...rendered];
  });
}

/** Labels in test/fixtures/corpus/<name>.json answer the corpus file whose base name is <name>. */
function corpusDocuments(): LabelledDocument[] {
  const labels = filesUnder(join(ROOT, 'test', 'fixtures', 'corpus')).filter((f) => f.endsWith('.json'));
  const corpus = filesUnder(join(SHARED_DIR, 'corpus', 'peers'));
  return labels.flatMap((label) => {
    const name = basename(label, '.json');
    const doc = corpus.find((f) => basename(f).replace(/\.[^.]+$/, '') === name);
    return doc ? [{ name: basename(doc), path: doc, expectedPath: label, ocr: false }] : [];
  });
}

export function labelledDocuments(): LabelledDocument[] {
  return [...seedDocuments(), ...corpusDocuments()];
}
