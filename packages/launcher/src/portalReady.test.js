const http = require('node:http');
const { waitForPortal, readyBanner } = require('./portalReady');

/** A server answering 503 until `ready()` is called, then 200. */
async function startServer() {
  let ok = false;
  const served = [];
  const server = http.createServer((req, res) => {
    served.push(ok ? 200 : 503);
    res.statusCode = ok ? 200 : 503;
    res.end();
  });
  await new Promise(resolve => server.listen({ port: 0 }, resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    served,
    ready: () => {
      ok = true;
    },
    close: () => new Promise(resolve => server.close(resolve)),
  };
}

describe('waitForPortal', () => {
  let backend;
  let app;

  beforeEach(async () => {
    backend = await startServer();
    app = await startServer();
  });

  afterEach(async () => {
    await backend.close();
    await app.close();
  });

  it('resolves true once every URL has answered 200, asking them in order', async () => {
    const waiting = waitForPortal({
      urls: [app.url, backend.url],
      isRunning: () => true,
      intervalMs: 10,
    });
    // the app is still building: asked twice, and the backend not in between
    while (app.served.filter(status => status === 503).length < 2) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    expect(backend.served).toEqual([]);
    app.ready();
    while (!backend.served.includes(503)) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    backend.ready();

    await expect(waiting).resolves.toBe(true);
    expect(app.served[app.served.length - 1]).toBe(200);
    expect(backend.served[backend.served.length - 1]).toBe(200);
  });

  it('resolves false when the portal exits before it answers', async () => {
    let running = true;
    const waiting = waitForPortal({
      urls: [backend.url],
      isRunning: () => running,
      intervalMs: 10,
    });
    while (!backend.served.includes(503)) {
      await new Promise(resolve => setTimeout(resolve, 10));
    }
    running = false;
    await expect(waiting).resolves.toBe(false);
  });
});

describe('readyBanner', () => {
  it('gives the URL, the sign-in, the embedded data folder and how to stop', () => {
    expect(
      readyBanner({
        appUrl: 'http://localhost:3000',
        database: { embedded: true, dataDir: '.data/postgres', port: 5433 },
      }),
    ).toEqual([
      'Greenroom is ready: http://localhost:3000',
      '  sign in   press Enter (guest sign-in, development only)',
      '  data      the embedded PostgreSQL (port 5433), files in .data/postgres',
      '  stop      Ctrl-C',
    ]);
  });

  it('names the external server when POSTGRES_HOST is used', () => {
    expect(
      readyBanner({
        appUrl: 'http://localhost:3100',
        database: { embedded: false, host: 'db.internal', port: 5432 },
      }),
    ).toContain('  data      the PostgreSQL server at db.internal:5432');
  });
});
