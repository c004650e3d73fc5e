// What Chromium may connect to when a page's scripts ask (crawler/engine/browser-addresses.ts): for
// a portal on a public host, requests to loopback, private, link-local and metadata addresses are
// refused before they are sent; public addresses and the page's own data: URLs are let through.
// Only address literals are used: resolving them needs no network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AddressGuard, scopeOf } from '../../../crawler/discovery/scope.ts';
import { browserAddressCheck } from '../../../crawler/engine/browser-addresses.ts';

test('for a portal on a public host, the browser may not be sent to private addresses', async () => {
  const check = browserAddressCheck(new AddressGuard(scopeOf('http://www.jiaxian.gov.cn/', [])));
  for (const url of ['http://10.255.255.1/admin.json', 'http://127.0.0.1:8080/', 'http://[::1]/x', 'http://169.254.169.254/latest/meta-data/', 'http://192.168.1.1/', 'https://[::ffff:10.0.0.1]/']) {
    assert.match(await check(url) ?? '', /address/, url);
  }
  for (const url of ['http://8.8.8.8/jquery.js', 'data:text/plain,x', 'blob:http://www.jiaxian.gov.cn/1']) {
    assert.equal(await check(url), null, url);
  }
});

test('for a portal on a loopback address, the same class stays allowed and others do not', async () => {
  const check = browserAddressCheck(new AddressGuard(scopeOf('http://127.0.0.71:8080/', [])));
  assert.equal(await check('http://127.0.0.71:8080/data.json'), null);
  assert.equal(await check('http://127.0.0.9/x'), null);
  assert.match(await check('http://10.0.0.1/x') ?? '', /private|address/);
});
