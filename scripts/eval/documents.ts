// The documents with known answers, in three groups that are totalled apart:
// - real: the real corpus files labelled by reading them (test/corpus/expected, files in
//   ../shared/corpus/peers) and the five seeds as text (real reports, extracted by others);
// - rendering: the seeds rendered by our generator into every format (test/fixtures/seeds);
// - regression: our fixtures that reproduce one real failure each (test/fixtures/regressions);
// - photographed: seeds printed, stamped, annotated and photographed (test/fixtures/photographed),
//   read by OCR and scored apart from the clean scans.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type DocumentGroup = 'real' | 'rendering' | 'regression' | 'photographed';

export interface LabelledDocument {
  name: string;
  path: string;
  expectedPath: string;
  /** OCR'd documents are scored apart: their accuracy is a measurement, not a promise. */
  ocr: boolean;
  group: DocumentGroup;
  /** The CMS or office suite that made the document (for fixtures: the one they imitate). */
  source: string;
  province: string;
}

/** The repository root, found from here whether this runs from source or compiled into dist/. */
function repositoryRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

const ROOT = repositoryRoot(import.meta.dirname);
export const SHARED_DIR = join(ROOT, '..', 'shared');
export const CORPUS_EXPECTED_DIR = join(ROOT, 'test', 'corpus', 'expected');
const REGRESSIONS_DIR = join(ROOT, 'test', 'fixtures', 'regressions');
const PHOTOGRAPHED_DIR = join(ROOT, 'test', 'fixtures', 'photographed');

/** Where the seeds come from: the province of their organ and how their text was extracted. */
const SEED_ORIGINS: Record<string, { province: string; text: string }> = {
  '000_9fdddd81a4dc62c5': { province: '河南', text: 'PDF text' },
  '001_46e25f98fd9935f9': { province: '四川', text: 'Word/HTML text (tabs)' },
  '002_03ef826aa882f677': { province: '河南', text: 'Word/HTML text (tabs)' },
  '003_d677def7845cc038': { province: '河南', text: 'HTML text (cell per line)' },
  '004_6dd11e94be6ffc3a': { province: '河南', text: 'PDF text' },
};

/** What our seed renderings imitate, by file suffix. */
function renderingSource(file: string): string {
  if (/\.scan\.pdf$/.test(file)) return 'scan (pdftoppm + img2pdf)';
  if (/\.html$/.test(file)) return 'TRS WCM';
  if (/\.wps$/.test(file)) return 'WPS (Word 97 binary)';
  return 'LibreOffice';
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function isScan(file: string): boolean {
  return /scan|image|\.png$|\.jpe?g$/.test(basename(file));
}

function seedDocuments(): LabelledDocument[] {
  const expectedDir = join(SHARED_DIR, 'spec', 'expected');
  const names = filesUnder(expectedDir).filter((f) => f.endsWith('.json')).map((f) => basename(f, '.json'));
  const fixtures = filesUnder(join(ROOT, 'test', 'fixtures', 'seeds'));
  return names.flatMap((name) => {
    const expectedPath = join(expectedDir, `${name}.json`);
    const origin = SEED_ORIGINS[name] ?? { province: '?', text: 'text' };
    const text: LabelledDocument = {
      name: `${name}.txt`, path: join(SHARED_DIR, 'seeds', `${name}.txt`), expectedPath, ocr: false,
      group: 'real', source: origin.text, province: origin.province,
    };
    const rendered = fixtures
      .filter((f) => basename(f).startsWith(`${name}.`) && !/\.(json|md|txt)$/.test(f))
      .map((f): LabelledDocument => ({
        name: basename(f), path: f, expectedPath, ocr: isScan(f), group: 'rendering', source: renderingSource(f), province: origin.province,
      }));
    return [text, ...rendered];
  });
}

/** test/corpus/documents.tsv: file (under ../shared/corpus/peers), source, province, level, what. */
function corpusManifest(): Map<string, { source: string; province: string }> {
  const tsv = readFileSync(join(ROOT, 'test', 'corpus', 'documents.tsv'), 'utf8').trim().split('\n').slice(1);
  return new Map(tsv.map((line) => {
    const [file, source, province] = line.split('\t');
    return [file, { source, province }];
  }));
}

/** Each label names its document (`file`, relative to ../shared/corpus/peers). */
function corpusDocuments(): LabelledDocument[] {
  const manifest = corpusManifest();
  return filesUnder(CORPUS_EXPECTED_DIR).filter((f) => f.endsWith('.json')).sort().flatMap((label) => {
    const file = (JSON.parse(readFileSync(label, 'utf8')) as { file?: string }).file;
    const path = file ? join(SHARED_DIR, 'corpus', 'peers', file) : '';
    if (!file || !existsSync(path)) return [];
    const origin = manifest.get(file) ?? { source: '?', province: '?' };
    return [{ name: basename(path), path, expectedPath: label, ocr: false, group: 'real' as const, ...origin }];
  });
}

/** Fixtures of one folder: `<name>.<ext>` beside `<name>.expected.json`, which says what it imitates. */
function fixtureDocuments(dir: string, group: 'regression' | 'photographed'): LabelledDocument[] {
  const files = filesUnder(dir);
  return files.filter((f) => f.endsWith('.expected.json')).sort().flatMap((expectedPath) => {
    const stem = basename(expectedPath, '.expected.json');
    const doc = files.find((f) => basename(f).startsWith(`${stem}.`) && !f.endsWith('.json'));
    if (!doc) return [];
    const about = JSON.parse(readFileSync(expectedPath, 'utf8')) as { imitates?: string; province?: string };
    return [{
      name: basename(doc), path: doc, expectedPath, ocr: group === 'photographed' || isScan(doc), group,
      source: about.imitates ?? '?', province: about.province ?? '?',
    }];
  });
}

export function labelledDocuments(): LabelledDocument[] {
  return [
    ...seedDocuments(), ...corpusDocuments(), ...fixtureDocuments(REGRESSIONS_DIR, 'regression'),
    ...fixtureDocuments(PHOTOGRAPHED_DIR, 'photographed'),
  ];
}
