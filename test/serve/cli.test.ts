// `nianbao serve` as a user runs it: listens on 127.0.0.1, answers pages from a read-only archive,
// stops cleanly on Ctrl-C; bad arguments and a missing archive give clear errors and exit codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { buildBrowseArchive } from './fixtures.ts';
import { tempArchivePath } from '../helpers/storage-fixtures.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const bin = join(REPO_ROOT, 'node_modules', '.bin', 'nianbao');

test('serve listens on 127.0.0.1, serves the archive and exits 0 on SIGINT', async () => {
  const fixture = await buildBrowseArchive();
  const child = spawn(bin, ['serve', '--db', fixture.path, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const url = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout);
      if (match) resolve(match[1]);
    });
    child.on('exit', () => reject(new Error(`serve exited early: ${stdout}${stderr}`)));
  });
  try {
    const home = await fetch(`${url}/`);
    assert.equal(home.status, 200);
    assert.match(await home.text(), /8 reports from 7 organs/);
    const report = await (await fetch(`${url}/report/${fixture.reports.muye2022}`)).text();
    assert.match(report, /新乡市牧野区人民政府/);
    assert.equal((await fetch(`${url}/`, { method: 'POST' })).status, 405);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0, stderr);
  assert.equal(stderr, '');
});

test('serve refuses bad arguments (exit 2) and a missing archive (exit 3)', () => {
  const badPort = spawnSync(bin, ['serve', '--port', 'eighty'], { encoding: 'utf8' });
  assert.equal(badPort.status, 2);
  assert.match(badPort.stderr, /--port wants a number/);
  assert.equal(spawnSync(bin, ['serve', 'extra'], { encoding: 'utf8' }).status, 2);
  const missing = spawnSync(bin, ['serve', '--db', tempArchivePath('absent.sqlite'), '--port', '0'], { encoding: 'utf8' });
  assert.equal(missing.status, 3);
  assert.match(missing.stderr, /no archive at/);
});

test('serve --allow-host adds a name browsers may use; any other Host header is refused with 421', async () => {
  const fixture = await buildBrowseArchive();
  const child = spawn(bin, ['serve', '--db', fixture.path, '--port', '0', '--allow-host', 'archive.lan, other.lan'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      child.stdout.on('data', (chunk) => { stdout += chunk; const m = /at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout); if (m) resolve(m[1]); });
      child.on('exit', () => reject(new Error(`serve exited early: ${stdout}`)));
    });
    const { port } = new URL(url);
    const status = (host: string) => new Promise<number>((resolve, reject) => {
      const request = httpRequest({ host: '127.0.0.1', port, path: '/', headers: { Host: host } }, (response) => { response.resume(); resolve(response.statusCode ?? 0); });
      request.on('error', reject);
      request.end();
    });
    assert.equal(await status(`archive.lan:${port}`), 200);
    assert.equal(await status('other.lan'), 200);
    assert.equal(await status(`127.0.0.1:${port}`), 200);
    assert.equal(await status(`evil.example:${port}`), 421);
  } finally {
    child.kill('SIGINT');
  }
  assert.equal(await exited, 0);
});
