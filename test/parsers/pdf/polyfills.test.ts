// pdfjs-dist's legacy build replaced Array.prototype.push (and JSON.parse) for the whole process
// (issue 10: pushes ~4× slower in every reader once a PDF was read). After a PDF is parsed, both are
// the engine's own again, and pdfjs still reads PDFs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { FIXTURES_DIR, REPO_ROOT } from '../../helpers/paths.ts';

test('parsing a PDF leaves Array.prototype.push and JSON.parse native, and the environment as it was', () => {
  // A fresh process: another test file may have loaded pdfjs already in this one.
  const script = `const push = Array.prototype.push, parse = JSON.parse;
    const { readFileSync } = await import('node:fs');
    const { parseDocument } = await import(${JSON.stringify(join(REPO_ROOT, 'parsers', 'index.ts'))});
    const result = await parseDocument(readFileSync(${JSON.stringify(join(FIXTURES_DIR, 'seeds', '000_9fdddd81a4dc62c5.pdf'))}));
    console.log(JSON.stringify({ push: Array.prototype.push === push, parse: JSON.parse === parse,
      figures: Object.values(result.fields).filter((v) => v !== null).length, env: process.env.DISABLE_SYSTEM_FONTS_LOAD ?? null }));`;
  const env = { ...process.env };
  delete env.DISABLE_SYSTEM_FONTS_LOAD;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', env });
  assert.equal(run.status, 0, run.stderr);
  const seen = JSON.parse(run.stdout.trim().split('\n').pop()!);
  // The canvas's system-font scan is switched off only while pdfjs loads (parsers/pdf/index.ts).
  assert.deepEqual(seen, { push: true, parse: true, figures: seen.figures, env: null });
  assert.ok(seen.figures > 150, `${seen.figures} figures`);
});
