import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { AddressInfo } from 'node:net';
import { createApp } from './app.ts';

const server = createApp();
let base = '';
before(async () => {
  await new Promise<void>(resolve => server.listen(0, resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.close();
});

test('reports its health', async () => {
  const res = await fetch(`${base}/healthz`);
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { status: 'ok', service: '${{ values.name }}' });
});

test('greets by name', async () => {
  const res = await fetch(`${base}/hello?name=Ada`);
  assert.deepEqual(await res.json(), { message: 'Hello, Ada!' });
});

test('answers 404 for an unknown route', async () => {
  const res = await fetch(`${base}/nope`);
  assert.equal(res.status, 404);
});
