import http from 'node:http';
import type express from 'express';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { freePort } from '@internal/test-utils';
import { isLocalBackendCall, rootHttpRouter } from './rootHttpRouter';

/** A plugin that anyone may call, answering every request with `answer`. */
function plugin(pluginId: string, answer: (res: express.Response) => void) {
  return createBackendPlugin({
    pluginId,
    register(reg) {
      reg.registerInit({
        deps: { http: coreServices.httpRouter },
        async init({ http: router }) {
          router.addAuthPolicy({ path: '/', allow: 'unauthenticated' });
          router.use((_req, res) => answer(res));
        },
      });
    },
  });
}

/** A JSON body large enough to be compressed. */
const bigAnswer = plugin('big', res =>
  res.json({ items: Array.from({ length: 500 }, (_, i) => ({ i })) }),
);

/** An answer that never ends, like the events bus' long polls. */
const heldOpen = plugin('held', res => {
  res.status(202);
  res.flushHeaders();
});

/** The Content-Encoding of the answer to a GET from 127.0.0.1 with these headers. */
function encodingOf(port: number, headers: Record<string, string>) {
  return new Promise<string | undefined>((resolve, reject) => {
    http
      .get(
        { host: '127.0.0.1', port, path: '/api/big/answer', headers },
        res => {
          res.resume();
          if (res.statusCode !== 200) {
            reject(new Error(`status ${res.statusCode}`));
          } else {
            resolve(res.headers['content-encoding']);
          }
        },
      )
      .on('error', reject);
  });
}

describe('isLocalBackendCall', () => {
  const call = (remoteAddress: string, headers: Record<string, string> = {}) =>
    isLocalBackendCall({
      socket: { remoteAddress },
      headers: { 'user-agent': 'node', ...headers },
    } as unknown as http.IncomingMessage);

  it('is a call from this host by a client that is not a browser, not forwarded by a proxy', () => {
    expect(call('127.0.0.1')).toBe(true);
    expect(call('::1')).toBe(true);
    expect(call('::ffff:127.0.0.1')).toBe(true);
    expect(call('10.0.0.5')).toBe(false);
    expect(call('::ffff:10.0.0.5')).toBe(false);
    expect(call('127.0.0.1', { 'user-agent': 'Mozilla/5.0 (X11)' })).toBe(
      false,
    );
    expect(call('127.0.0.1', { 'x-forwarded-for': '203.0.113.9' })).toBe(false);
    expect(call('127.0.0.1', { forwarded: 'for=203.0.113.9' })).toBe(false);
    expect(call('127.0.0.1', { via: '1.1 envoy' })).toBe(false);
  });
});

/** The real backend's wiring (startTestBackend brings its own root router). */
async function startBackend() {
  const port = await freePort();
  const backend = createBackend();
  backend.add(rootHttpRouter);
  backend.add(bigAnswer);
  backend.add(heldOpen);
  backend.add(mockServices.rootLogger.factory());
  backend.add(mockServices.auth.factory());
  backend.add(mockServices.httpAuth.factory());
  backend.add(
    mockServices.rootConfig.factory({
      data: {
        backend: {
          baseUrl: `http://127.0.0.1:${port}`,
          listen: { host: '127.0.0.1', port },
        },
      },
    }),
  );
  await backend.start();
  return { backend, port };
}

describe('rootHttpRouter', () => {
  it('answers a backend plugin on this host uncompressed, and a browser compressed', async () => {
    const { backend, port } = await startBackend();
    try {
      await expect(
        encodingOf(port, { 'accept-encoding': 'gzip', 'user-agent': 'node' }),
      ).resolves.toBeUndefined();
      await expect(
        encodingOf(port, {
          'accept-encoding': 'gzip',
          'user-agent':
            'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
        }),
      ).resolves.toBeUndefined();
      await expect(
        encodingOf(port, {
          'accept-encoding': 'gzip',
          'user-agent':
            'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
        }),
      ).resolves.toBe('gzip');
    } finally {
      await backend.stop();
    }
  });
});

describe('rootHttpRouter at shutdown', () => {
  it('closes a connection whose answer never ends, so the backend stops', async () => {
    const { backend, port } = await startBackend();
    const request = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/held/poll',
    });
    const response = await new Promise<http.IncomingMessage>(resolve =>
      request.on('response', resolve),
    );
    expect(response.statusCode).toBe(202);
    response.resume();
    const closed = new Promise<void>(resolve =>
      response.on('close', () => resolve()),
    );

    await backend.stop();

    await closed;
    // closed by the server before its answer ended
    expect(response.complete).toBe(false);
  }, 30_000);
});
