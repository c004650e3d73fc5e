// Every command is documented: in `nianbao --help`, with its own --help, and in the README.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../scripts/cli/commands.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const root = REPO_ROOT;
const bin = join(root, 'node_modules', '.bin', 'nianbao');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

test('nianbao --help lists every command', () => {
  const run = spawnSync(bin, ['--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  for (const command of commands) assert.match(run.stdout, new RegExp(`\\b${command.name}\\b`));
});

for (const command of commands) {
  test(`nianbao ${command.name} --help explains it and the README shows an example`, () => {
    const run = spawnSync(bin, [command.name, '--help'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`nianbao ${command.name}`));
    assert.ok(readme.includes(`nianbao ${command.name}`), `README has no example of nianbao ${command.name}`);
  });
}

test('an unknown command or option is a usage error (exit 2)', () => {
  assert.equal(spawnSync(bin, ['no-such-command'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(bin, ['parse', '--no-such-option', 'x'], { encoding: 'utf8' }).status, 2);
});

test('crawlee.json parses (Crawlee ignores its JSON errors silently)', () => {
  const config = JSON.parse(readFileSync(join(root, 'crawlee.json'), 'utf8'));
  assert.equal(typeof config, 'object');
});
