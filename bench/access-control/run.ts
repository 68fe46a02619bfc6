/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
} from '@internal/launcher';
import { BenchBackend, sleep } from '../scale/BenchBackend';
import { GeneratedCatalog } from '../scale/generateCatalog';
import { BenchClient, LoadFigures, poll, runLoad } from '../scale/measure';

/**
 * What Greenroom's access control costs the catalog: the same backend with
 * allow-all and with the shipped roles, one after the other on one Postgres
 * and one generated catalog (ingested once), the caller a plain member (whose
 * catalog reads are conditional: every template that is not recommended is
 * filtered out). Prints the catalog list and facets latencies under 10
 * clients, and the ratios. A benchmark: it prints figures, asserts nothing.
 *
 *   yarn bench:access-control --entities 10000
 */
const root = path.resolve(__dirname, '../..');
const usage = `yarn bench:access-control [--entities 10000] [--port 7107] [--load-seconds 30] [--settle-seconds 60]`;

type Set = 'allow-all' | 'access-control';
const entries: Record<Set, string> = {
  'allow-all': path.join(__dirname, 'allowAllBackend.ts'),
  'access-control': path.join(root, 'packages/backend/src/index.ts'),
};
const DATABASE_PREFIX = 'greenroom_bench_access_control_';

function readOptions() {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '10000' },
      port: { type: 'string', default: '7107' },
      'load-seconds': { type: 'string', default: '30' },
      'settle-seconds': { type: 'string', default: '60' },
    },
  });
  const number = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(
        `--${name} must be a whole number of at least ${min}, got '${values[name]}'\n${usage}`,
      );
    }
    return n;
  };
  return {
    entities: number('entities', 100),
    port: number('port', 1),
    loadMs: number('load-seconds', 5) * 1000,
    settleMs: number('settle-seconds', 0) * 1000,
  };
}

const log = (line: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main() {
  const options = readOptions();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-access-control-'));
  const db = await provideTestPostgres({ root, log });
  await dropDatabases(db.connection, DATABASE_PREFIX);
  const catalog = GeneratedCatalog.write(
    path.join(work, 'catalog'),
    options.entities,
  );
  const baseUrl = `http://localhost:${options.port}`;
  const configFor = (set: Set) => {
    const file = path.join(work, `${set}.yaml`);
    const config = {
      backend: {
        baseUrl,
        listen: { port: options.port },
        database: { prefix: DATABASE_PREFIX },
      },
      catalog: {
        locations: catalog.locations.map(target => ({ type: 'file', target })),
      },
      techdocs: {
        publisher: { local: { publishDirectory: path.join(work, 'techdocs') } },
      },
      greenroom: {
        publish: { localRepositories: path.join(work, 'repositories') },
        // the development guest holds no role: a plain member
        accessControl: { members: { admin: [] } },
      },
    };
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return file;
  };

  const results: Partial<
    Record<Set, { list: LoadFigures; facets: LoadFigures }>
  > = {};
  try {
    for (const set of ['allow-all', 'access-control'] as Set[]) {
      const backend = BenchBackend.start({
        root,
        entry: entries[set],
        configs: [path.join(root, 'app-config.yaml'), configFor(set)],
        env: { ...process.env, ...databaseEnv(db.connection) },
        logFile: path.join(
          root,
          '.data',
          'bench-access-control',
          `${set}-backend.log`,
        ),
        baseUrl,
      });
      try {
        await backend.waitUntilReady(300_000);
        const client = new BenchClient(baseUrl);
        // the first set ingests; the second finds the catalog in the database
        const queryable = await poll(
          async () => {
            const { totalItems } = await client.json<{ totalItems: number }>(
              '/api/catalog/entities/by-query?limit=1',
            );
            return totalItems >= catalog.expected.total
              ? backend.now()
              : undefined;
          },
          {
            intervalMs: 2000,
            timeoutMs: 1_200_000,
            alive: () => backend.assertRunning(),
          },
        );
        log(
          `${set}: every entity readable after ${(
            (queryable ?? NaN) / 1000
          ).toFixed(0)} s; settling ${options.settleMs / 1000} s`,
        );
        await sleep(options.settleMs);
        const load = {
          clients: 10,
          durationMs: options.loadMs,
          warmupMs: 3000,
        };
        const list = await runLoad(
          client,
          '/api/catalog/entities/by-query?limit=20',
          load,
        );
        const facets = await runLoad(
          client,
          '/api/catalog/entity-facets?facet=spec.owner',
          load,
        );
        results[set] = { list, facets };
        log(
          `${set}: list p50 ${list.p50Ms.toFixed(
            0,
          )} ms p99 ${list.p99Ms.toFixed(0)} ms ${list.rps.toFixed(0)} rps (${
            list.errors
          } errors); facets p50 ${facets.p50Ms.toFixed(
            0,
          )} ms ${facets.rps.toFixed(0)} rps`,
        );
      } finally {
        await backend.stop();
      }
    }
    const a = results['allow-all']!;
    const b = results['access-control']!;
    const ratio = (x: number, y: number) => `${(x / y).toFixed(2)}x`;
    console.log('');
    console.log(
      `Catalog as a member, ${catalog.expected.total} entities, 10 clients, ${
        options.loadMs / 1000
      } s each`,
    );
    console.log('| | allow-all | access control | ratio | target |');
    console.log('| --- | --- | --- | --- | --- |');
    console.log(
      `| list (by-query, limit 20) p99 | ${a.list.p99Ms.toFixed(
        0,
      )} ms | ${b.list.p99Ms.toFixed(0)} ms | ${ratio(
        b.list.p99Ms,
        a.list.p99Ms,
      )} | ≤ 1.2x |`,
    );
    console.log(
      `| list p50 / rps | ${a.list.p50Ms.toFixed(0)} ms / ${a.list.rps.toFixed(
        0,
      )} | ${b.list.p50Ms.toFixed(0)} ms / ${b.list.rps.toFixed(0)} | ${ratio(
        b.list.p50Ms,
        a.list.p50Ms,
      )} | |`,
    );
    console.log(
      `| facets (spec.owner) p50 / rps | ${a.facets.p50Ms.toFixed(
        0,
      )} ms / ${a.facets.rps.toFixed(0)} | ${b.facets.p50Ms.toFixed(
        0,
      )} ms / ${b.facets.rps.toFixed(0)} | ${ratio(
        b.facets.p50Ms,
        a.facets.p50Ms,
      )} | |`,
    );
    console.log(
      `Load average at the end ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
    await dropDatabases(db.connection, DATABASE_PREFIX);
    await db.stop();
  }
}

main().then(
  () => process.exit(0),
  e => {
    console.error(e);
    process.exit(1);
  },
);
