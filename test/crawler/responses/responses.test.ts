// Reading a response before any handler: anti-bot challenges recognised, statuses classified.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { recogniseChallenge } from '../../../crawler/responses/challenge.ts';
import { classifyResponse } from '../../../crawler/responses/response-kind.ts';

test('challenges are recognised and ordinary pages are not', () => {
  assert.equal(recogniseChallenge({ status: 412, url: 'http://a/', bodyText: '<script>$_ts=window["$_ts"];</script>' }), 'rs-412');
  assert.equal(recogniseChallenge({ status: 521, url: 'http://a/', bodyText: '<script>document.cookie="__jsl_clearance=1"</script>' }), 'jsl-521');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/WZWSRELw==?wzwschallenge=abc', bodyText: '' }), 'wzws');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/', bodyText: '<script>location="/WZWSREL123"</script>' }), 'wzws');
  assert.equal(recogniseChallenge({ status: 200, url: 'http://a/', bodyText: '<p>某县2023年政府信息公开工作年度报告</p>' }), null);
  assert.equal(recogniseChallenge({ status: 404, url: 'http://a/', bodyText: 'not found' }), null);
  assert.deepEqual(classifyResponse(503, 'http://a/', ''), { kind: 'retry', reason: 'http-503' });
  assert.deepEqual(classifyResponse(304, 'http://a/', ''), { kind: 'not-modified' });
  assert.deepEqual(classifyResponse(404, 'http://a/', ''), { kind: 'failed', reason: 'http-404' });
  assert.equal(classifyResponse(521, 'http://a/', 'x').kind, 'challenge');
});
