const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { execFile } = require('node:child_process');

async function listen(port = 0) {
  const server = net.createServer();
  await new Promise(resolve => server.listen({ port }, resolve));
  return server;
}

async function freePort() {
  const server = await listen();
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

/** Runs `./greenroom start`'s script in `cwd`; resolves with its exit and output. */
function runStart(cwd, env) {
  return new Promise(resolve => {
    execFile(
      process.execPath,
      [path.resolve(__dirname, 'start.js')],
      { cwd, env: { PATH: process.env.PATH, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? error.code : 0, stdout, stderr }),
    );
  });
}

describe('./greenroom start', () => {
  let root;
  let busy;

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-start-'));
    busy = await listen();
  });

  afterEach(async () => {
    await new Promise(resolve => busy.close(resolve));
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a busy backend port from app-config.local.yaml, naming it, before it provides Postgres', async () => {
    const busyPort = busy.address().port;
    fs.writeFileSync(
      path.join(root, 'app-config.yaml'),
      `app:\n  baseUrl: http://localhost:${await freePort()}\nbackend:\n  listen:\n    port: ${await freePort()}\n`,
    );
    fs.writeFileSync(
      path.join(root, 'app-config.local.yaml'),
      `backend:\n  listen:\n    port: ${busyPort}\n`,
    );

    // Postgres is an unreachable external server: providing it first would
    // fail with "Cannot reach the PostgreSQL server" instead.
    const { code, stdout, stderr } = await runStart(root, {
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(await freePort()),
    });

    expect(code).toBe(1);
    expect(stderr).toContain(
      `cannot start: Port ${busyPort} is already in use, so the backend (backend.listen.port in app-config.local.yaml) cannot start.`,
    );
    expect(stderr).toContain(
      'or change backend.listen.port in app-config.local.yaml.',
    );
    expect(`${stdout}${stderr}`).not.toContain('PostgreSQL');
  });

  it('refuses a busy app port from app.baseUrl, naming it', async () => {
    const busyPort = busy.address().port;
    fs.writeFileSync(
      path.join(root, 'app-config.yaml'),
      `backend:\n  listen:\n    port: ${await freePort()}\n`,
    );
    fs.writeFileSync(
      path.join(root, 'app-config.local.yaml'),
      `app:\n  baseUrl: http://localhost:${busyPort}\n`,
    );

    const { code, stderr } = await runStart(root, {
      POSTGRES_HOST: '127.0.0.1',
      POSTGRES_PORT: String(await freePort()),
    });

    expect(code).toBe(1);
    expect(stderr).toContain(
      `Port ${busyPort} is already in use, so the app dev server (app.baseUrl in app-config.local.yaml) cannot start.`,
    );
    expect(stderr).toContain(
      'or change app.baseUrl in app-config.local.yaml (and backend.cors.origin with it).',
    );
  });
});
