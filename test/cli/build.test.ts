// The installed command is compiled JavaScript: node_modules/.bin/nianbao is dist/scripts/cli/
// entry.js, which imports no TypeScript; and when a source is newer than the build, the compiled
// entry says so and runs the sources instead of stale code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { staleSourcesRoot } from '../../scripts/cli/stale-build.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

test('node_modules/.bin/nianbao is the compiled entry, and the compiled files import .js, not .ts', () => {
  const target = realpathSync(join(REPO_ROOT, 'node_modules', '.bin', 'nianbao'));
  assert.equal(target, join(REPO_ROOT, 'dist', 'scripts', 'cli', 'entry.js'));
  const main = readFileSync(join(REPO_ROOT, 'dist', 'scripts', 'cli', 'main.js'), 'utf8');
  assert.match(main, /from ["']\.\/commands\.js["']/);
  assert.doesNotMatch(main, /from ["'][^"']+\.ts["']/);
  assert.equal(JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')).bin.nianbao, 'dist/scripts/cli/entry.js');
});

test('a source newer than the build sends the compiled entry back to the sources', () => {
  const root = mkdtempSync(join(tmpdir(), 'nianbao-stale-'));
  mkdirSync(join(root, 'dist', 'scripts', 'cli'), { recursive: true });
  mkdirSync(join(root, 'scripts', 'cli'), { recursive: true });
  mkdirSync(join(root, 'node_modules', 'tsx'), { recursive: true });
  const entry = join(root, 'dist', 'scripts', 'cli', 'entry.js');
  writeFileSync(entry, '');
  writeFileSync(join(root, 'scripts', 'cli', 'entry.ts'), '');
  writeFileSync(join(root, 'dist', 'BUILT'), '');
  const past = new Date(Date.now() - 60_000);
  utimesSync(join(root, 'scripts', 'cli', 'entry.ts'), past, past);
  assert.equal(staleSourcesRoot(pathToFileURL(entry).href), undefined, 'built after the source: current');
  writeFileSync(join(root, 'scripts', 'cli', 'entry.ts'), '// edited');
  assert.equal(staleSourcesRoot(pathToFileURL(entry).href), root, 'edited after the build: stale');
  assert.equal(staleSourcesRoot(pathToFileURL(join(root, 'scripts', 'cli', 'entry.ts')).href), undefined, 'running the sources: never stale');
});
