#!/usr/bin/env node
// `npm run build` (run by `npm ci` / `npm install` as the prepare step, and by `npm test` first):
// compiles the TypeScript into dist/ with tsc (relative .ts imports rewritten to .js), copies the
// files the code reads beside itself (fields.tsv, migrations, web assets), stamps the build, and
// links node_modules/.bin/nianbao to the compiled command.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/** The folders compiled into dist/ (as in tsconfig.build.json). */
export const SOURCE_DIRS = ['crawler', 'parsers', 'storage', 'scripts', 'test/farm'];
const ASSETS = /\.(tsv|sql|css|svg|json)$/;

// A clean dist/ each time: a file deleted from the sources (a migration above all) must not live on.
rmSync(join(root, 'dist'), { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

function copyAssets(dir) {
  for (const name of readdirSync(join(root, dir))) {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) copyAssets(path);
    else if (ASSETS.test(name)) cpSync(join(root, path), join(root, 'dist', path));
  }
}
for (const dir of SOURCE_DIRS) copyAssets(dir);
writeFileSync(join(root, 'dist', 'BUILT'), `${new Date().toISOString()}\n`);
const link = spawnSync(process.execPath, [join(root, 'scripts', 'link-bin.mjs')], { stdio: 'inherit' });
if (link.status !== 0) process.exit(link.status ?? 1);
console.error(`nianbao: compiled into ${relative(process.cwd(), join(root, 'dist')) || 'dist'}/`);
