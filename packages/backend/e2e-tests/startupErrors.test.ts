import { expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { freePort } from '@internal/test-utils';

const root = path.resolve(__dirname, '../../..');

/** Runs `./greenroom start`'s launcher and returns its exit code and output. */
function start(env: NodeJS.ProcessEnv) {
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'packages/launcher/src/start.js')],
    {
      cwd: root,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  return { code: result.status, output: result.stdout + result.stderr };
}

test('start-up stops when the backend port is in use, saying which and what to do', () => {
  // The test backend already listens on 7007; the database is reachable.
  const { code, output } = start({});
  expect(code).toBe(1);
  expect(output).toContain(
    'cannot start: Port 7007 is already in use, so the backend (backend.listen.port in app-config.yaml) cannot start.',
  );
  expect(output).toContain(
    'or change backend.listen.port in app-config.local.yaml',
  );
});

test('start-up stops when the external database is unreachable, saying which and what to do', async () => {
  const port = await freePort();
  const { code, output } = start({
    POSTGRES_HOST: '127.0.0.1',
    POSTGRES_PORT: String(port),
    // a free backend port: the test backend holds 7007
    APP_CONFIG_backend_listen_port: String(await freePort()),
  });
  expect(code).toBe(1);
  expect(output).toContain(
    `cannot start: Cannot reach the PostgreSQL server at 127.0.0.1:${port}`,
  );
  expect(output).toContain('unset POSTGRES_HOST to use the embedded Postgres');
});
