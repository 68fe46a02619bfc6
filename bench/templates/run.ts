/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
  startBackend,
} from '@internal/launcher';

/**
 * Golden-path benchmark: the development backend (real catalog, scaffolder,
 * TechDocs and scorecards on Postgres) runs the Node.js service template RUNS
 * times (default 5); for each, the time from submitting the form's values to
 * the new component being served by the catalog API, and to the task's end
 * (docs built and scores in).
 *
 *   ./greenroom yarn bench:templates
 */
const RUNS = Number(process.env.RUNS ?? 5);
const root = path.resolve(__dirname, '../..');
const baseUrl = 'http://localhost:7007';

async function main() {
  const db = await provideTestPostgres({ root, log: () => {} });
  await dropDatabases(db.connection, 'greenroom_bench_templates_');
  for (const dir of ['bench-repositories', 'bench-techdocs']) {
    fs.rmSync(path.join(root, '.data', dir), { recursive: true, force: true });
  }
  const backend = await startBackend({
    root,
    configs: ['app-config.yaml', 'bench/templates/app-config.bench.yaml'],
    env: { ...process.env, ...databaseEnv(db.connection) },
    logFile: path.join(root, '.data', 'bench-templates-backend.log'),
  });
  try {
    const token = (
      (await (
        await fetch(`${baseUrl}/api/auth/guest/refresh?env=development`, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        })
      ).json()) as any
    ).backstageIdentity.token;
    const api = (url: string, init?: RequestInit) =>
      fetch(`${baseUrl}${url}`, {
        ...init,
        headers: {
          ...init?.headers,
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
      });
    // the demo and the templates are ingested
    while (
      (await api('/api/catalog/entities/by-name/template/default/node-service'))
        .status !== 200 ||
      (await api('/api/catalog/entities/by-name/system/default/payments'))
        .status !== 200
    ) {
      await new Promise(r => setTimeout(r, 500));
    }

    const visible: number[] = [];
    const finished: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const name = `bench-service-${Date.now().toString(36)}-${i}`;
      const started = performance.now();
      const res = await api('/api/scaffolder/v2/tasks', {
        method: 'POST',
        body: JSON.stringify({
          templateRef: 'template:default/node-service',
          values: {
            name,
            owner: 'group:default/team-payments',
            system: 'system:default/payments',
            description:
              'A service created by the golden-path benchmark, to be timed.',
          },
        }),
      });
      const { id } = (await res.json()) as { id: string };
      let seen: number | undefined;
      let status = '';
      while (!['completed', 'failed', 'cancelled'].includes(status) || !seen) {
        if (!seen) {
          const entity = await api(
            `/api/catalog/entities/by-name/component/default/${name}`,
          );
          if (entity.status === 200) seen = performance.now() - started;
        }
        status = (
          (await (await api(`/api/scaffolder/v2/tasks/${id}`)).json()) as any
        ).status;
        if (status === 'failed') throw new Error(`task ${id} failed`);
        await new Promise(r => setTimeout(r, 100));
      }
      visible.push(seen);
      finished.push(performance.now() - started);
      console.log(
        `  ${name}: in the catalog after ${(seen / 1000).toFixed(
          2,
        )} s, task done after ${(finished[i] / 1000).toFixed(2)} s`,
      );
    }
    const median = (xs: number[]) =>
      [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `Node.js service template, ${RUNS} runs: submit to component in the catalog median ${(
        median(visible) / 1000
      ).toFixed(2)} s, max ${(Math.max(...visible) / 1000).toFixed(
        2,
      )} s; to the task's end (docs built, scored) median ${(
        median(finished) / 1000
      ).toFixed(2)} s, max ${(Math.max(...finished) / 1000).toFixed(2)} s`,
    );
  } finally {
    await backend.stop();
    await db.stop();
  }
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
