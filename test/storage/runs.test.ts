// Killed `reparse` runs stayed "running" forever (issue 14). A run names its owner (pid, host)
// until it finishes; the next reparse marks runs whose owner is gone as interrupted and leaves a
// run whose owner still runs alone. Real archive file, real child processes, one killed with -9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { getRun, openArchive, reparseArchive } from '../../storage/index.ts';
import { tempArchivePath } from '../helpers/storage-fixtures.ts';
import { REPO_ROOT } from '../helpers/paths.ts';

/** A child that starts a reparse run in the archive, says its run id, then waits to be killed. */
async function childWithRun(archivePath: string) {
  const script = `import { openArchive, startRun } from ${JSON.stringify(join(REPO_ROOT, 'storage', 'index.ts'))};
    const archive = openArchive(${JSON.stringify(archivePath)});
    console.log(startRun(archive, 'reparse'));
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = await once(child.stdout!, 'data');
  return { child, runId: Number(String(line).trim()) };
}

test('a reparse marks runs of killed processes interrupted and leaves a live one running', async () => {
  const path = tempArchivePath();
  openArchive(path).close();
  const killed = await childWithRun(path);
  const live = await childWithRun(path);
  try {
    killed.child.kill('SIGKILL');
    await once(killed.child, 'exit');
    const archive = openArchive(path);
    try {
      assert.equal(getRun(archive, killed.runId)?.status, 'running');
      assert.deepEqual(getRun(archive, live.runId)?.summary, { pid: live.child.pid, host: (await import('node:os')).hostname() });
      await reparseArchive(archive);
      assert.equal(getRun(archive, killed.runId)?.status, 'interrupted');
      assert.equal(getRun(archive, live.runId)?.status, 'running', 'a run whose process still runs is not interrupted');
      const own = getRun(archive, Math.max(killed.runId, live.runId) + 1);
      assert.equal(own?.kind, 'reparse');
      assert.equal(own?.status, 'ok');
    } finally {
      archive.close();
    }
  } finally {
    live.child.kill('SIGKILL');
  }
});
