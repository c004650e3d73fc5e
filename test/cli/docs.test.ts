// Every command and every option is documented: `nianbao --help` lists every command, each
// command's (and verb's) --help lists every option it declares, and the README's section for the
// command shows an example and names every option. The declarations are the source of truth.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands as registry, loadAllCommands } from '../../scripts/cli/commands.ts';
import type { Command } from '../../scripts/cli/command.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

const root = REPO_ROOT;
const bin = join(root, 'node_modules', '.bin', 'nianbao');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The README section of a command: from the `### …` heading naming `nianbao <name>` to the next heading. */
function readmeSection(name: string): string {
  const start = readme.search(new RegExp(`^### .*\`nianbao ${name}[\` ]`, 'm'));
  assert.ok(start >= 0, `README has no section "### \`nianbao ${name} …\`"`);
  const end = readme.indexOf('\n#', start + 4);
  return readme.slice(start, end < 0 ? undefined : end);
}

const commands = await loadAllCommands();

test('the registry names and sums up each command as its declaration does', () => {
  assert.deepEqual(registry.map((c) => [c.name, c.summary]), commands.map((c) => [c.name, c.summary]));
});

function everyCommand(): { command: Command; path: string; top: string }[] {
  return commands.flatMap((c) => [{ command: c, path: c.name, top: c.name }, ...c.subcommands.map((s) => ({ command: s, path: `${c.name} ${s.name}`, top: c.name }))]);
}

test('nianbao --help lists every command', () => {
  const run = spawnSync(bin, ['--help'], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  for (const command of commands) assert.match(run.stdout, new RegExp(`\\n  ${command.name} `));
});

for (const { command, path, top } of everyCommand()) {
  test(`nianbao ${path}: --help lists every option; the README shows it with every option`, () => {
    const run = spawnSync(bin, [...path.split(' '), '--help'], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`^Usage: nianbao ${path}`));
    const section = readmeSection(top);
    assert.ok(section.includes(`nianbao ${path}`), `README has no example of nianbao ${path}`);
    for (const option of Object.keys(command.options)) {
      assert.match(run.stdout, new RegExp(`\\n  --${option}\\b`), `--${option} missing from nianbao ${path} --help`);
      assert.ok(section.includes(`--${option}`), `README's nianbao ${top} section does not name --${option}`);
    }
  });
}

test('the README quick start is exactly two commands', () => {
  const quick = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 5));
  const block = /```sh\n([\s\S]*?)```/.exec(quick)?.[1] ?? '';
  assert.equal(block.trim().split('\n').length, 2, block);
});

test('the README has a section per user with the commands each needs', () => {
  for (const who of ['researcher', 'evaluator', 'journalist']) {
    const start = readme.search(new RegExp(`### For (a |an )?${who}`, 'i'));
    assert.ok(start >= 0, `no section for ${who}`);
    const section = readme.slice(start, readme.indexOf('\n### ', start + 4));
    assert.equal((section.match(/^nianbao /gm) ?? []).length, 3, `${who}: three commands`);
  }
});

test('an unknown command or option is a usage error (exit 2)', () => {
  assert.equal(spawnSync(bin, ['no-such-command'], { encoding: 'utf8' }).status, 2);
  assert.equal(spawnSync(bin, ['parse', '--no-such-option', 'x'], { encoding: 'utf8' }).status, 2);
});

test('crawlee.json parses and holds only what the README says it holds', () => {
  const config = JSON.parse(readFileSync(join(root, 'crawlee.json'), 'utf8'));
  assert.deepEqual(Object.keys(config), ['logLevel']);
  assert.ok(readme.includes('crawlee.json'), 'the README explains crawlee.json');
});
