import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dropDatabases, startBackend } from '@internal/launcher';
import { freePort } from '@internal/test-utils';

const root = path.resolve(__dirname, '../../..');
const PREFIX = 'greenroom_e2e_restart_';

test('a task whose backend dies is marked failed with the reason, and runs again after the restart', async ({
  request,
}) => {
  test.setTimeout(420_000);
  // A second backend of its own (port, databases), with app-config.yaml's
  // scaffolder settings and a template with a slow step.
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const config = path.join(root, 'e2e-test-results', 'restart.app-config.yaml');
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(
    config,
    `app:\n  baseUrl: ${baseUrl}\nbackend:\n  baseUrl: ${baseUrl}\n  listen:\n    port: ${port}\n  database:\n    prefix: ${PREFIX}\ncatalog:\n  locations:\n    - type: file\n      target: ${path.join(
      __dirname,
      'fixtures/slow-template/template.yaml',
    )}\n`,
  );
  await dropDatabases(
    {
      host: process.env.POSTGRES_HOST!,
      port: Number(process.env.POSTGRES_PORT),
      user: process.env.POSTGRES_USER!,
      password: process.env.POSTGRES_PASSWORD ?? '',
    },
    PREFIX,
  );
  const start = () =>
    startBackend({
      root,
      configs: ['app-config.yaml', config],
      env: process.env,
      logFile: path.join(root, 'e2e-test-results', 'restart-backend.log'),
      baseUrl,
    });

  let backend = await start();
  const token = (
    await (
      await request.get(`${baseUrl}/api/auth/guest/refresh?env=development`, {
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      })
    ).json()
  ).backstageIdentity.token;
  const headers = { Authorization: `Bearer ${token}` };
  const run = async (seconds: number) => {
    await expect
      .poll(
        async () =>
          (
            await request.get(
              `${baseUrl}/api/catalog/entities/by-name/template/default/e2e-slow`,
              { headers },
            )
          ).status(),
        { timeout: 60_000 },
      )
      .toBe(200);
    const res = await request.post(`${baseUrl}/api/scaffolder/v2/tasks`, {
      headers,
      data: { templateRef: 'template:default/e2e-slow', values: { seconds } },
    });
    expect(res.status()).toBe(201);
    return (await res.json()).id as string;
  };
  const status = async (id: string) =>
    (
      await (
        await request.get(`${baseUrl}/api/scaffolder/v2/tasks/${id}`, {
          headers,
        })
      ).json()
    ).status;

  try {
    const id = await run(600);
    await expect.poll(() => status(id), { timeout: 30_000 }).toBe('processing');
    await backend.kill();

    backend = await start();
    await expect
      .poll(() => status(id), { timeout: 120_000, intervals: [1_000] })
      .toBe('failed');
    const events = await (
      await request.get(`${baseUrl}/api/scaffolder/v2/tasks/${id}/events`, {
        headers,
      })
    ).json();
    expect(events.map((e: any) => e.body.message).join('\n')).toContain(
      'This task was marked as stale as it exceeded its timeout',
    );

    const again = await run(1);
    await expect
      .poll(() => status(again), { timeout: 60_000 })
      .toBe('completed');
  } finally {
    await backend.stop();
  }
});
