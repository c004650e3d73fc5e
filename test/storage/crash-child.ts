// A child process for the crash and concurrency tests: it writes to an archive through the real
// write API and reports progress on stdout (synchronously, so the parent sees every line before
// a kill). Usage: node --import tsx test/storage/crash-child.ts <archive> <mode> [args]
//   reports <from> <count> <textChars>  store and parse reports organ-<i>, one transaction each
//   reselect                             re-choose every report in one long transaction
//   hold <ms>                            hold the write lock for <ms> inside a transaction
import { writeSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { openArchive, recordParse, reselectAllReports, storeCapture, upsertPortal } from '../../storage/index.ts';
import { SHARED } from '../helpers/paths.ts';

const [path, mode, ...rest] = process.argv.slice(2);
const say = (line: string) => writeSync(1, `${line}\n`);
const archive = openArchive(path);

if (mode === 'reports') {
  const [from, count, textChars] = rest.map(Number);
  const seed = readFileSync(join(SHARED, 'seeds', '000_9fdddd81a4dc62c5.txt'));
  const base = await parseDocument(seed, { fileName: 'seed.txt' });
  const filler = base.text.repeat(Math.ceil(textChars / base.text.length)).slice(0, textChars);
  for (let i = from; i < from + count; i++) {
    const text = `organ-${i} ${filler}`;
    const capture = storeCapture(archive, { url: `http://127.0.0.2/report-${i}.txt`, status: 200, bytes: Buffer.from(text) });
    say(`start ${i}`);
    recordParse(archive, capture.id, { ...base, organ: `organ-${i}`, text });
    say(`done ${i}`);
  }
} else if (mode === 'reselect') {
  say('reselect start');
  reselectAllReports(archive);
  say('reselect done');
} else if (mode === 'hold') {
  archive.db.exec('BEGIN IMMEDIATE');
  upsertPortal(archive, 'http://127.0.0.99/written-while-readers-read');
  say('holding');
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(rest[0]));
  archive.db.exec('COMMIT');
  say(`committed ${Date.now()}`);
}
archive.close();
