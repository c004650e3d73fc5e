// The bounded HTTP exchange against hostile servers on loopback, started here: an endless body,
// gzip/deflate/br bombs, a short Content-Length that holds the socket, an oversized Content-Length,
// redirects out of scope and to private addresses. Bounds are asserted loosely: enough to catch an
// unbounded read (gigabytes, minutes), not a benchmark.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { compressionBomb } from '../../farm/index.ts';
import { boundedFetch, FetchRefusal } from '../../../crawler/responses/bounded-fetch.ts';
import { AddressGuard, outOfScopeReason, scopeOf } from '../../../crawler/discovery/scope.ts';

const MiB = 1024 * 1024;
const INFLATED_BOMB_BYTES = 256 * MiB;


let server: http.Server;
let base = '';
const bombs: Record<string, Buffer> = {};
const held: http.ServerResponse[] = [];

before(async () => {
  for (const encoding of ['gzip', 'deflate', 'br'] as const) bombs[encoding] = await compressionBomb(encoding, INFLATED_BOMB_BYTES / MiB);
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    switch (url.pathname) {
      case '/endless': {
        res.writeHead(200, { 'content-type': 'application/pdf' });
        const chunk = Buffer.alloc(64 * 1024, 0x41);
        const pump = () => { while (res.write(chunk)); };
        res.on('drain', pump);
        pump();
        return;
      }
      case '/bomb': {
        const encoding = url.searchParams.get('e')!;
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': encoding, 'content-length': bombs[encoding].length });
        res.end(bombs[encoding]);
        return;
      }
      case '/short': {
        // Promises 100 000 bytes, sends 10 and holds the socket open.
        res.writeHead(200, { 'content-type': 'text/html', 'content-length': 100_000 });
        res.write('<html>0123');
        held.push(res);
        return;
      }
      case '/huge-declared':
        res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': 10 * 1024 * MiB });
        res.write('%PDF-1.4');
        held.push(res);
        return;
      case '/small-gzip': {
        const body = zlib.gzipSync('<html><body>fine</body></html>');
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        res.end(body);
        return;
      }
      case '/raw-deflate': {
        res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'deflate' });
        res.end(zlib.deflateRawSync('raw deflate body'));
        return;
      }
      case '/redirect':
        res.writeHead(302, { location: url.searchParams.get('to')! });
        res.end();
        return;
      case '/loop':
        res.writeHead(302, { location: '/loop' });
        res.end();
        return;
      default:
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('ok');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  for (const res of held) res.destroy();
  server.closeAllConnections();
  server.close();
});

async function refusal(promise: Promise<unknown>): Promise<FetchRefusal> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof FetchRefusal, `a FetchRefusal, got ${(error as Error).message}`);
    return error;
  }
  assert.fail('the fetch should have been refused');
}

test('an endless body stops at the cap with too_large, memory bounded', async () => {
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const error = await refusal(boundedFetch({ url: `${base}/endless`, timeoutMs: 20_000, maxBytes: 4 * MiB }));
  assert.equal(error.code, 'too_large');
  assert.ok(Date.now() - started < 15_000, 'refused long before the timeout');
  assert.ok(process.memoryUsage().rss - rssBefore < 200 * MiB, 'no unbounded buffering');
});

for (const encoding of ['gzip', 'deflate', 'br'] as const) {
  test(`a ${encoding} bomb (${INFLATED_BOMB_BYTES / MiB} MiB inflated) stops at the inflated cap`, async () => {
    assert.ok(bombs[encoding].length < 4 * MiB, 'the bomb is small on the wire');
    const rssBefore = process.memoryUsage().rss;
    const error = await refusal(boundedFetch({ url: `${base}/bomb?e=${encoding}`, timeoutMs: 20_000, maxBytes: 4 * MiB }));
    assert.equal(error.code, 'too_large');
    assert.match(error.detail, /inflated/);
    assert.ok(process.memoryUsage().rss - rssBefore < 150 * MiB, `memory stayed bounded (+${Math.round((process.memoryUsage().rss - rssBefore) / MiB)} MiB)`);
  });
}

test('ordinary compressed bodies are inflated (gzip, raw deflate)', async () => {
  const gz = await boundedFetch({ url: `${base}/small-gzip`, timeoutMs: 5000, maxBytes: MiB });
  assert.equal(gz.body.toString(), '<html><body>fine</body></html>');
  const raw = await boundedFetch({ url: `${base}/raw-deflate`, timeoutMs: 5000, maxBytes: MiB });
  assert.equal(raw.body.toString(), 'raw deflate body');
});

test('a short Content-Length holding the socket ends at the timeout, not minutes later', async () => {
  const started = Date.now();
  const error = await refusal(boundedFetch({ url: `${base}/short`, timeoutMs: 1500, maxBytes: MiB }));
  const elapsed = Date.now() - started;
  assert.equal(error.code, 'timeout');
  assert.ok(elapsed >= 1000 && elapsed < 10_000, `ended at the timeout (${elapsed} ms)`);
});

test('a declared Content-Length over the cap is refused at the headers', async () => {
  const started = Date.now();
  const error = await refusal(boundedFetch({ url: `${base}/huge-declared`, timeoutMs: 20_000, maxBytes: 4 * MiB }));
  assert.equal(error.code, 'too_large');
  assert.ok(Date.now() - started < 10_000);
});

test('robots-style truncation keeps the first bytes instead of refusing', async () => {
  const response = await boundedFetch({ url: `${base}/endless`, timeoutMs: 20_000, maxBytes: 100_000, overflow: 'truncate' });
  assert.equal(response.body.length, 100_000);
});

test('every redirect hop is checked against the portal scope', async () => {
  const scope = scopeOf(`${base}/`);
  const checkUrl = (url: string) => { const r = outOfScopeReason(url, scope, 'attachment'); return r ? { code: 'out_of_scope' as const, detail: r } : null; };
  const fine = await boundedFetch({ url: `${base}/redirect?to=/ok`, timeoutMs: 5000, maxBytes: MiB, checkUrl });
  assert.equal(fine.body.toString(), 'ok');
  assert.deepEqual(fine.redirectUrls, [`${base}/ok`]);
  for (const target of ['http://127.0.0.2:9/x.pdf', 'http://10.20.30.40/admin', 'http://evil.example.com/x.pdf?name=x.pdf']) {
    const error = await refusal(boundedFetch({ url: `${base}/redirect?to=${encodeURIComponent(target)}`, timeoutMs: 5000, maxBytes: MiB, checkUrl }));
    assert.equal(error.code, 'out_of_scope', target);
  }
  const loop = await refusal(boundedFetch({ url: `${base}/loop`, timeoutMs: 5000, maxBytes: MiB, checkUrl, maxRedirects: 5 }));
  assert.equal(loop.code, 'redirect_loop');
});

test('private and loopback addresses are refused unless the portal itself is on one', async () => {
  const publicPortal = new AddressGuard(scopeOf('http://www.example.gov.cn/'));
  assert.equal(publicPortal.check('202.96.1.1', 'files.example.gov.cn'), null);
  for (const address of ['127.0.0.1', '10.1.2.3', '192.168.1.1', '172.20.0.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:10.0.0.1', '::ffff:a00:1', '[::ffff:7f00:1]', '64:ff9b::a9fe:a9fe', '0.0.0.0']) {
    assert.equal(publicPortal.check(address, 'files.example.gov.cn')?.code, 'private_address', address);
  }
  // The portal's own host may be anywhere; what it is on becomes allowed for its scope (the test farm).
  assert.equal(publicPortal.check('10.9.9.9', 'www.example.gov.cn'), null);
  assert.equal(publicPortal.check('10.9.9.8', 'files.example.gov.cn'), null);
  const farm = new AddressGuard(scopeOf('http://127.0.0.5:8080/'));
  assert.equal(farm.check('127.0.0.9', '127.0.0.9'), null);
  assert.equal(farm.check('10.0.0.1', '10.0.0.1')?.code, 'private_address');

  // Through the real DNS lookup: `localhost` resolves to loopback and is refused before any connection.
  const strict = new AddressGuard(scopeOf('http://www.example.gov.cn/'));
  const port = (server.address() as AddressInfo).port;
  let hits = 0;
  server.once('request', () => { hits++; });
  const error = await refusal(boundedFetch({
    url: `http://localhost:${port}/`, timeoutMs: 5000, maxBytes: MiB,
    checkAddress: (address, host) => strict.check(address, host),
  }));
  assert.equal(error.code, 'private_address');
  assert.equal(hits, 0, 'no request reached the server');
  // A literal private address is refused without a lookup.
  const literal = await refusal(boundedFetch({ url: 'http://10.255.255.1/', timeoutMs: 5000, maxBytes: MiB, checkAddress: (a, h) => strict.check(a, h) }));
  assert.equal(literal.code, 'private_address');
});
