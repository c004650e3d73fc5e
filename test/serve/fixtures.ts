// A real archive for the web browser tests: the five seed reports parsed and stored as captures,
// a 2022 variant of the 牧野区 report whose figures disagree as printed (a source-blamed failing
// check), the 2021 牧野区 report also as its GBK web page and DOCX attachment, a real PDF capture (parsed, under no portal) and a PDF whose /OpenAction runs a script, a legacy report, a hostile archived HTML page (script, external
// image/stylesheet/frame/refresh) with one archived image, two portals (one blocked) and two runs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../../parsers/index.ts';
import { finishRun, openArchive, parseCapture, recordParse, startRun, storeCapture, upsertPortal, type Archive } from '../../storage/index.ts';
import { parseSeed, seedFiles, seedsDir, tempArchivePath } from '../helpers/storage-fixtures.ts';
import { FIXTURES_DIR } from '../helpers/paths.ts';
import { pdfWithOpenActionScript } from './hostile-pdf.ts';

const peersDir = join(seedsDir, '..', 'corpus', 'peers');
const fixtureSeedsDir = join(FIXTURES_DIR, 'seeds');
/** The outside address the hostile page tries to reach (TEST-NET-2: never routed). */
export const OUTSIDE_HOST = '198.51.100.1';
/** 新乡市牧野区's division code, given to its reports so region filters and charts have data. */
export const MUYE_REGION = '410711';
export const MUYE = '新乡市牧野区人民政府';

/** A 1×1 PNG, the archived image the hostile page shows from the archive. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** The hostile archived page: everything in it that could run or fetch must not. */
export const HOSTILE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Archived page</title>
<script>document.title = 'SCRIPT RAN'; window.__ran = true; new Image().src = 'http://${OUTSIDE_HOST}/beacon.gif';</script>
<link rel="stylesheet" href="http://${OUTSIDE_HOST}/style.css">
<meta http-equiv="refresh" content="3;url=http://${OUTSIDE_HOST}/away">
<style>body { background: url(http://${OUTSIDE_HOST}/bg.png); } @import url("http://${OUTSIDE_HOST}/more.css");</style>
</head><body>
<h1 id="archived-heading">归档页面 archived heading</h1>
<img id="outside-image" src="http://${OUTSIDE_HOST}/x.png" alt="outside">
<img id="archived-image" src="logo.png" alt="archived logo">
<img id="onerror-image" src="missing.png" onerror="document.title = 'ONERROR RAN'">
<a id="outside-link" href="http://${OUTSIDE_HOST}/page">外部链接</a>
<a id="archived-link" href="/reports/000_9fdddd81a4dc62c5.txt">archived seed</a>
<a id="js-link" href="javascript:document.title='LINK RAN'">js</a>
<iframe src="http://${OUTSIDE_HOST}/frame"></iframe>
<form action="http://${OUTSIDE_HOST}/submit"><input name="q"></form>
</body></html>`;

/** Ids of what the fixture archive holds, for the tests to navigate to. */
export interface BrowseFixture {
  path: string;
  reports: { muye2021: number; muye2022: number; jiuyuan2020: number; legacy2018: number };
  captures: { hostile: number; image: number; pdf: number; scriptPdf: number; seed000: number; failed: number; page2021: number; docx2021: number };
  portals: { open: number; blocked: number };
  runs: { night: number };
}

/** The 牧野区 seed as a 2022 report whose 本年新收 自然人 reads 5 while its total stays 3. */
function muye2022Text(): Buffer {
  const lines = readFileSync(join(seedsDir, '003_d677def7845cc038.txt'), 'utf8').split('\n');
  lines[2] = lines[2].replace('2021年', '2022年');
  const newRow = lines.findIndex((l) => l.includes('一、本年新收政府信息公开申请数量'));
  lines[newRow + 1] = lines[newRow + 1].replace('3', '5');
  return Buffer.from(lines.join('\n'), 'utf8');
}

async function storeText(archive: Archive, url: string, bytes: Buffer, extra: { portalId: number; runId: number }, regionCode?: string) {
  const capture = storeCapture(archive, { url, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, bytes, label: 'report', ...extra });
  const result = await parseDocument(bytes, { fileName: url.split('/').pop() });
  if (regionCode) result.regionCode = regionCode;
  return { captureId: capture.id, ...recordParse(archive, capture.id, result) };
}

/** Builds the fixture archive in a temporary directory and closes it. */
export async function buildBrowseArchive(): Promise<BrowseFixture> {
  const path = tempArchivePath('browse.sqlite');
  const archive = openArchive(path);
  try {
    const open = upsertPortal(archive, 'http://127.0.0.2/', { name: '新乡市牧野区 portal', divisionCode: MUYE_REGION, level: 'district' });
    const blocked = upsertPortal(archive, 'http://127.0.0.3/', { name: 'Blocked county', divisionCode: '330100', blockedReason: 'challenge-412' });
    const runId = startRun(archive, 'crawl');
    // The 2021 牧野区 report as its GBK web page (no charset in the header) and a DOCX attachment,
    // stored first so the page is the chosen source (table-cell provenance) and the seed text an alternative.
    const page2021 = storeCapture(archive, {
      url: 'http://127.0.0.2/muye/2021.html', status: 200, headers: { 'content-type': 'text/html' },
      bytes: readFileSync(join(fixtureSeedsDir, '003_d677def7845cc038.gbk.html')), label: 'report', portalId: open.id, runId,
    });
    await parseCapture(archive, page2021.id);
    const docx2021 = storeCapture(archive, {
      url: 'http://127.0.0.2/muye/2021.docx', status: 200, bytes: readFileSync(join(fixtureSeedsDir, '003_d677def7845cc038.docx')),
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
      label: 'attachment', portalId: open.id, runId, referrerUrl: 'http://127.0.0.2/muye/2021.html', linkText: '附件：2021年年报.docx',
    });
    await parseCapture(archive, docx2021.id);
    const ids: Record<string, number> = {};
    for (const file of seedFiles()) {
      const result = await parseSeed(file);
      if (result.organ === MUYE) result.regionCode = MUYE_REGION;
      const capture = storeCapture(archive, {
        url: `http://127.0.0.2/reports/${file}`, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' },
        bytes: readFileSync(join(seedsDir, file)), label: 'report', portalId: open.id, runId,
      });
      const recorded = recordParse(archive, capture.id, result);
      ids[file.slice(0, 3)] = recorded.reportId!;
      ids[`capture${file.slice(0, 3)}`] = capture.id;
    }
    const muye2022 = await storeText(archive, 'http://127.0.0.2/reports/muye-2022.txt', muye2022Text(), { portalId: open.id, runId }, MUYE_REGION);
    const legacy = await storeText(archive, 'http://127.0.0.2/reports/pingtan-2018.txt', readFileSync(join(peersDir, 'pingtan-gov-zwgk-archive', '2018_page.txt')), { portalId: open.id, runId });
    const pdfCapture = storeCapture(archive, {
      url: 'http://127.0.0.2/files/hzq2023_working.pdf', status: 200, headers: { 'content-type': 'application/pdf' },
      bytes: readFileSync(join(peersDir, 'KIROGOVCOMPARE', 'hzq2023_working.pdf')), label: 'attachment', runId, // no portal: 洪泽区 is not 牧野区
      referrerUrl: 'http://127.0.0.2/page.html', linkText: '洪泽区2023年报',
    });
    await parseCapture(archive, pdfCapture.id);
    const scriptPdf = storeCapture(archive, {
      url: 'http://127.0.0.2/files/script.pdf', status: 200, headers: { 'content-type': 'application/pdf' },
      bytes: pdfWithOpenActionScript(`http://${OUTSIDE_HOST}/pdf-beacon`), label: 'attachment', portalId: open.id, runId,
    });
    const image = storeCapture(archive, { url: 'http://127.0.0.2/logo.png', status: 200, headers: { 'content-type': 'image/png' }, bytes: PNG_1X1, portalId: open.id, runId });
    const hostile = storeCapture(archive, {
      url: 'http://127.0.0.2/page.html', status: 200, headers: { 'content-type': 'text/html; charset=utf-8' },
      bytes: Buffer.from(HOSTILE_HTML, 'utf8'), label: 'list', portalId: open.id, runId,
    });
    const failed = storeCapture(archive, { url: 'http://127.0.0.3/gone.html', status: null, error: 'timeout after 30 s', portalId: blocked.id, runId });
    finishRun(archive, runId, 'ok', { portals: 1, pagesFetched: 11, reportsFound: 8, failed: 0, note: '<b>not bold</b>' });
    const blockedRun = startRun(archive, 'crawl');
    finishRun(archive, blockedRun, 'problems', { portals: 1, blocked: 'challenge-412', failed: 1 });
    // A run summarised the way the crawler summarises (crawler/engine/summary.ts): totals, one entry per portal, reasons.
    const nightRun = startRun(archive, 'crawl');
    finishRun(archive, nightRun, 'problems', {
      runId: nightRun, status: 'problems', startedAt: '2024-03-01T01:00:00Z', finishedAt: '2024-03-01T01:20:00Z',
      totals: { portals: 2, fetched: 40, reportsFound: 6, newReports: 1, failures: 2, blocked: 1, deferred: 0 },
      portals: [
        { portalId: open.id, url: 'http://127.0.0.2/', name: '新乡市牧野区 portal', fetched: 40, notModified: 31, reportsFound: 6, newReports: 1, changedCaptures: 2,
          failuresByReason: { timeout: 2 }, skippedByReason: {}, deferred: 0, blockedReason: null, usedBrowser: false },
        { portalId: blocked.id, url: 'http://127.0.0.3/', name: 'Blocked county', fetched: 0, notModified: 0, reportsFound: 0, newReports: 0, changedCaptures: 0,
          failuresByReason: {}, skippedByReason: { robots: 3 }, deferred: 0, blockedReason: 'challenge-412', usedBrowser: true },
      ],
      failuresByReason: { timeout: 2 }, blockedPortals: [{ url: 'http://127.0.0.3/', reason: 'challenge-412' }],
    });
    return {
      path,
      reports: { muye2021: ids['003'], muye2022: muye2022.reportId!, jiuyuan2020: ids['002'], legacy2018: legacy.reportId! },
      captures: { hostile: hostile.id, image: image.id, pdf: pdfCapture.id, scriptPdf: scriptPdf.id, seed000: ids.capture000, failed: failed.id, page2021: page2021.id, docx2021: docx2021.id },
      portals: { open: open.id, blocked: blocked.id },
      runs: { night: nightRun },
    };
  } finally {
    archive.close();
  }
}
