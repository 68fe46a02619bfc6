import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Haproxy, startHaproxy } from './haproxy';
import { waitUntil } from './waitUntil';

jest.setTimeout(60_000);

/** A server that answers its name, and 200 on /ready while `ready`. */
async function replica(name: string) {
  const state = { ready: true };
  const server = http.createServer((req, res) => {
    if (req.url === '/ready') {
      res.writeHead(state.ready ? 200 : 503).end();
    } else {
      res.end(name);
    }
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  return {
    name,
    port: (server.address() as AddressInfo).port,
    state,
    close: async () => {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

describe('startHaproxy', () => {
  let proxy: Haproxy | undefined;
  afterEach(() => proxy?.stop());

  const statusOf = async (name: string) =>
    (await proxy!.servers()).find(s => s.name === name)?.status;
  const answers = async (count: number) => {
    const names = new Set<string>();
    for (let i = 0; i < count; i += 1) {
      const res = await fetch(proxy!.url);
      expect(res.status).toBe(200);
      names.add(await res.text());
    }
    return [...names].sort();
  };

  it('balances over the servers that pass their health check, and takes one out when it fails it', async () => {
    const a = await replica('a');
    const b = await replica('b');
    proxy = await startHaproxy({
      servers: [a, b],
      healthPath: '/ready',
    });
    await waitUntil(
      async () =>
        (await statusOf('a')) === 'UP' && (await statusOf('b')) === 'UP',
      { timeoutMs: 10_000, what: 'both servers up' },
    );
    expect(await answers(6)).toEqual(['a', 'b']);

    a.state.ready = false;
    await waitUntil(async () => (await statusOf('a')) === 'DOWN', {
      timeoutMs: 10_000,
      what: 'a marked down',
    });
    expect(await answers(6)).toEqual(['b']);

    await a.close();
    await b.close();
  });

  it('sends a request whose server is gone to the other one before the health check notices', async () => {
    const a = await replica('a');
    const b = await replica('b');
    proxy = await startHaproxy({ servers: [a, b], healthPath: '/ready' });
    await waitUntil(
      async () =>
        (await statusOf('a')) === 'UP' && (await statusOf('b')) === 'UP',
      { timeoutMs: 10_000, what: 'both servers up' },
    );

    await a.close();
    // checked every second, down after two failures: still up right now
    expect(await statusOf('a')).toMatch(/^UP/);
    expect(await answers(6)).toEqual(['b']);
    await b.close();
  });

  it('refuses to start when haproxy rejects the configuration, with its reason', async () => {
    await expect(
      startHaproxy({
        servers: [{ name: 'bad name', port: 1 }],
        healthPath: '/ready',
      }),
    ).rejects.toThrow(/haproxy exited \(\d+\): .*/s);
  });
});
