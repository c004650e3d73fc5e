// The import graph keeps the layout's promises (see import-rules.ts): one-way layers, one door per
// folder, format readers apart from each other, families apart from the crawler's machinery. The
// checker is tested on small made-up repositories first, so a passing run on the real one means
// something.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkImports, importSpecifiers, packagesLoadedBy } from './import-rules.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

function repositoryFiles(): Map<string, string> {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const files = new Map<string, string>();
  for (const file of listed.split('\n').filter(Boolean)) {
    try {
      files.set(file, readFileSync(join(REPO_ROOT, file), 'utf8'));
    } catch {
      // deleted in the working tree, not yet in git
    }
  }
  return files;
}

/** The files the made-up examples import: they exist, so only the rules speak. */
const TARGETS = {
  'parsers/index.ts': '', 'parsers/extract.ts': '', 'parsers/document/types.ts': '', 'parsers/html/index.ts': '', 'parsers/html/grid.ts': '',
  'parsers/pdf/index.ts': '', 'parsers/ocr/index.ts': '', 'parsers/ocr/table.ts': '', 'parsers/report/index.ts': '', 'parsers/report/checks.ts': '',
  'storage/index.ts': '', 'storage/frontier.ts': '', 'crawler/index.ts': '', 'crawler/engine/settings.ts': '', 'crawler/families/index.ts': '',
  'crawler/families/hanweb.ts': '', 'crawler/discovery/urls.ts': '', 'crawler/routes/list.ts': '', 'scripts/cli/main.ts': '', 'test/farm/index.ts': '', 'test/farm/pages.ts': '',
};

function violationsOf(file: string, source: string): string[] {
  return checkImports(new Map(Object.entries({ ...TARGETS, [file]: source })));
}

test('the checker reads every kind of import: named, default, type-only, re-exports, side effects, dynamic', () => {
  const found = importSpecifiers([
    "import { a } from './a.ts';",
    "import type { B } from './b.ts';",
    'import {\n  c,\n  d,\n} from "./c.ts";',
    "export * from './e.ts';",
    "export type { F } from './f.ts';",
    "import './g.ts';",
    "const h = await import('./h.ts');",
    "// import { old } from './commented.ts';",
  ].join('\n'));
  assert.deepEqual(found.map((f) => f.specifier).sort(), ['./a.ts', './b.ts', './c.ts', './e.ts', './f.ts', './g.ts', './h.ts']);
  assert.deepEqual(found.filter((f) => f.typeOnly).map((f) => f.specifier).sort(), ['./b.ts', './f.ts']);
  assert.deepEqual(found.filter((f) => f.dynamic).map((f) => f.specifier), ['./h.ts']);
});

test('the checker fails each broken rule and passes the allowed imports', () => {
  const broken: [string, string, RegExp][] = [
    ['parsers/html/index.ts', "import { x } from '../../storage/index.ts';", /higher layer storage/],
    ['storage/reports.ts', "import { x } from '../crawler/index.ts';", /higher layer crawler/],
    ['crawler/engine/run.ts', "import type { X } from '../../scripts/cli/main.ts';", /higher layer scripts/],
    ['crawler/engine/run.ts', "import { x } from '../../storage/frontier.ts';", /past storage\/index\.ts/],
    ['scripts/cli/crawl.ts', "import { x } from '../../crawler/engine/settings.ts';", /past crawler\/index\.ts/],
    ['scripts/cli/demo.ts', "import { x } from '../../test/farm/pages.ts';", /past its folder's index\.ts/],
    ['storage/archive.ts', "import { x } from '../test/farm/index.ts';", /outside the layers/],
    ['parsers/html/index.ts', "import { x } from '../pdf/index.ts';", /format folder parsers\/html\//],
    ['parsers/pdf/index.ts', "const o = await import('../ocr/index.ts');", /format folder parsers\/pdf\//],
    ['parsers/word/docx.ts', "import { x } from '../extract.ts';", /format folder parsers\/word\//],
    ['parsers/report/build-report.ts', "import { isUnread } from '../ocr/table.ts';", /report steps know no format/],
    ['parsers/document/decode.ts', "import { x } from '../report/checks.ts';", /shared pieces depend on no reader/],
    ['parsers/extract.ts', "import { x } from './html/grid.ts';", /past parsers\/html\/index\.ts/],
    ['crawler/families/trs.ts', "import { x } from '../discovery/urls.ts';", /families import nothing else/],
    ['crawler/routes/report.ts', "import { x } from '../families/hanweb.ts';", /past crawler\/families\/index\.ts/],
    ['crawler/discovery/pager.ts', "import { x } from '../routes/list.ts';", /discovery depends only on families/],
    ['parsers/html/index.ts', "import { x } from './missing.ts';", /does not exist/],
  ];
  for (const [file, source, expected] of broken) {
    const found = violationsOf(file, source);
    assert.equal(found.length, 1, `${file}: ${source} → ${JSON.stringify(found)}`);
    assert.match(found[0], expected);
  }
  const allowed: [string, string][] = [
    ['parsers/html/index.ts', "import { x } from './grid.ts'; import type { D } from '../document/types.ts'; import * as cheerio from 'cheerio';"],
    ['parsers/extract.ts', "const h = await import('./html/index.ts'); const o = await import('./ocr/index.ts');"],
    ['parsers/index.ts', "export * from './document/types.ts'; export { buildReport } from './report/index.ts';"],
    ['storage/reports.ts', "import type { ParseResult } from '../parsers/index.ts';"],
    ['crawler/routes/report.ts', "import { x } from '../../parsers/index.ts'; import { y } from '../../storage/index.ts'; import { z } from '../families/index.ts';"],
    ['crawler/discovery/urls2.ts', "import { f } from '../families/index.ts'; import { g } from './urls.ts';"],
    ['crawler/families/gkmlpt2.ts', "import type { PortalFamily } from './index.ts';"],
    ['scripts/cli/demo.ts', "import { startFarm } from '../../test/farm/index.ts'; import { runCrawl } from '../../crawler/index.ts';"],
    ['test/anything.test.ts', "import { x } from '../crawler/families/hanweb.ts';"],
  ];
  for (const [file, source] of allowed) assert.deepEqual(violationsOf(file, source), [], `${file}: ${source}`);
});

test('the repository keeps the rules', () => {
  const files = repositoryFiles();
  const layered = [...files.keys()].filter((f) => /^(parsers|storage|crawler|scripts)\//.test(f));
  assert.ok(layered.length > 150, `only ${layered.length} source files found`);
  assert.deepEqual(checkImports(files), []);
});

test('importing crawler/index.ts does not load Crawlee or Playwright (the command line starts fast)', () => {
  const files = repositoryFiles();
  const loaded = packagesLoadedBy(files, 'crawler/index.ts');
  assert.ok(!loaded.has('crawlee') && !loaded.has('@crawlee/http') && !loaded.has('playwright-core'), [...loaded].join(', '));
  // The check can see them: the engine does load Crawlee's HTTP crawler, the browser pass Playwright.
  assert.ok(packagesLoadedBy(files, 'crawler/engine/run-crawl.ts').has('@crawlee/http'));
  assert.ok(packagesLoadedBy(files, 'crawler/engine/browser-pass.ts').has('playwright-core'));
});

test('the command line loads a command\'s file only when it runs: `nianbao parse` loads no SQLite, crawler or Parquet writer', () => {
  const files = repositoryFiles();
  const heavy = ['better-sqlite3', 'hyparquet-writer', '@crawlee/http', 'crawlee', 'playwright-core', 'exceljs', 'warcio'];
  for (const entry of ['scripts/cli/entry.ts', 'scripts/cli/main.ts', 'scripts/cli/parse.ts']) {
    const loaded = packagesLoadedBy(files, entry);
    assert.deepEqual(heavy.filter((p) => loaded.has(p)), [], `${entry} loads ${[...loaded].join(', ')}`);
  }
  // The check can see them: the archive commands do load SQLite.
  assert.ok(packagesLoadedBy(files, 'scripts/cli/query.ts').has('better-sqlite3'));
});
