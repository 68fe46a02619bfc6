/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import express from 'express';
import knexFactory from 'knex';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { provideTestPostgres, dropDatabases } from '@internal/launcher';
import { ScorecardsStore } from '@internal/plugin-scorecards-backend/src/database/ScorecardsStore';
import { ScorecardDefinitions } from '@internal/plugin-scorecards-backend/src/definitions/ScorecardDefinitions';
import { knownFacts } from '@internal/plugin-scorecards-backend/src/definitions/knownFacts';
import { Evaluator } from '@internal/plugin-scorecards-backend/src/evaluation/Evaluator';
import { CatalogFactProvider } from '@internal/plugin-scorecards-backend/src/providers/CatalogFactProvider';
import { ScorecardRunner } from '@internal/plugin-scorecards-backend/src/runs/ScorecardRunner';
import { createRouter } from '@internal/plugin-scorecards-backend/src/service/router';
import { generateCatalog, generateScorecards } from './generateCatalog';
import { IndexedCatalog } from './IndexedCatalog';

/**
 * Scorecards benchmark: ENTITIES (default 10 000) catalog components, three
 * scorecards of 20 catalog-fact checks each, the plugin's own evaluator,
 * runner, Postgres store and REST router. The catalog is served from an
 * indexed in-memory list (the catalog's own speed is not what is measured).
 *
 *   ./greenroom yarn bench:scorecards
 *
 * Prints: the full evaluation's time and peak memory; how long an entity
 * edit takes to show in its scores, with change scans every 3 s as the
 * plugin schedules them; and aggregate endpoint latencies under 20
 * concurrent clients, with the plugin's 5 s aggregate cache and without it.
 */
const COUNT = Number(process.env.ENTITIES ?? 10_000);
const CLIENTS = 20;
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
const CHANGE_SCAN_MS = 3_000;

const logger: any = {
  info() {},
  debug() {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
  child() {
    return logger;
  },
};
const serviceCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'service', subject: 'bench' },
};
const userCredentials = {
  $$type: '@backstage/BackstageCredentials',
  principal: { type: 'user', userEntityRef: 'user:default/bench' },
};
const auth: any = {
  getOwnServiceCredentials: async () => serviceCredentials,
  getPluginRequestToken: async () => ({ token: '' }),
};

/** The in-memory catalog, which an "edit" changes. */
function mutableCatalog(entities: Entity[]) {
  const catalog = new IndexedCatalog(entities);
  return {
    catalog: catalog as any,
    edit(index: number, change: (e: Entity) => void) {
      const copy = JSON.parse(JSON.stringify(entities[index]));
      change(copy);
      entities[index] = copy;
      catalog.replace(entities);
    },
  };
}

function peakRss<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; peakMiB: number; ms: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  return fn().then(value => {
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return {
      value,
      peakMiB: peak / 1024 / 1024,
      ms: performance.now() - started,
    };
  });
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[
    Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))
  ];
};

async function load(baseUrl: string, paths: string[]) {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; Date.now() < until; i += CLIENTS) {
        const started = performance.now();
        const res = await fetch(`${baseUrl}${paths[i % paths.length]}`);
        await res.arrayBuffer();
        latencies.push(performance.now() - started);
        if (!res.ok) errors += 1;
      }
    }),
  );
  return { latencies, errors };
}

async function main() {
  const root = path.resolve(__dirname, '../..');
  const db = await provideTestPostgres({ root, log: () => {} });
  await dropDatabases(db.connection, 'greenroom_bench_scorecards');
  const admin = knexFactory({
    client: 'pg',
    connection: { ...db.connection, database: 'postgres' },
  });
  await admin.raw('CREATE DATABASE greenroom_bench_scorecards');
  await admin.destroy();
  const knex = knexFactory({
    client: 'pg',
    connection: { ...db.connection, database: 'greenroom_bench_scorecards' },
  });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-bench-'));
  generateScorecards().forEach((text, i) =>
    fs.writeFileSync(path.join(dir, `bench-${i}.yaml`), text),
  );
  const entities = generateCatalog(COUNT);
  const { catalog, edit } = mutableCatalog(entities);
  const provider = new CatalogFactProvider(catalog, auth);
  const definitions = new ScorecardDefinitions({
    paths: [dir],
    facts: knownFacts([provider]),
    logger,
  });
  definitions.load();
  const store = await ScorecardsStore.create({
    database: { getClient: async () => knex } as any,
  });
  const runner = new ScorecardRunner({
    catalog,
    auth,
    definitions,
    evaluator: new Evaluator([provider], logger),
    store,
    logger,
  });

  const baseMiB = process.memoryUsage().rss / 1024 / 1024;
  const full = await peakRss(() => runner.evaluateAll());
  const checks = definitions.list().reduce((n, s) => n + s.checks.length, 0);
  console.log(
    `Scorecards, ${COUNT} components x ${
      definitions.list().length
    } scorecards (${checks} catalog-fact checks in all):`,
  );
  console.log(
    `  full evaluation: ${(full.ms / 1000).toFixed(2)} s for ${
      full.value.results
    } results (${
      full.value.results * (checks / 3)
    } checks), written to Postgres; process peak RSS ${full.peakMiB.toFixed(
      0,
    )} MiB (${baseMiB.toFixed(0)} MiB before, the in-memory catalog included)`,
  );

  // Edits, picked up by change scans running every 3 s as in the plugin.
  let scanning = true;
  const scans: number[] = [];
  const scanLoop = (async () => {
    while (scanning) {
      const started = performance.now();
      await runner.evaluateChanges();
      scans.push(performance.now() - started);
      await new Promise(r => setTimeout(r, CHANGE_SCAN_MS));
    }
  })();
  const editDelays: number[] = [];
  for (let k = 0; k < 5; k++) {
    await new Promise(r => setTimeout(r, Math.random() * CHANGE_SCAN_MS));
    const index = entities.findIndex(
      (e, i) =>
        i > 200 + k * 997 && e.kind === 'Component' && e.metadata.description,
    );
    const ref = stringifyEntityRef(entities[index]);
    const before = JSON.stringify(await store.entityResults(ref));
    const started = performance.now();
    edit(index, e => {
      delete e.metadata.description;
      e.metadata.etag = `${e.metadata.etag}-edited`;
    });
    while (JSON.stringify(await store.entityResults(ref)) === before) {
      await new Promise(r => setTimeout(r, 50));
    }
    editDelays.push(performance.now() - started);
  }
  scanning = false;
  await scanLoop;
  console.log(
    `  an edit shows in its scores after: median ${(
      percentile(editDelays, 50) / 1000
    ).toFixed(2)} s, max ${(Math.max(...editDelays) / 1000).toFixed(
      2,
    )} s (5 edits; a change scan of ${COUNT} entities takes ${percentile(
      scans,
      50,
    ).toFixed(0)} ms, every 3 s)`,
  );

  const permissions: any = {
    authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }],
    authorize: async () => [{ result: AuthorizeResult.ALLOW }],
  };
  const httpAuth: any = { credentials: async () => userCredentials };
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'scorecards',
  );
  const noCache: any = {
    get: async () => undefined,
    set: async () => {},
    delete: async () => {},
    withOptions: () => noCache,
  };
  const paths = [
    '/aggregates',
    ...Array.from(
      { length: 10 },
      (_, d) =>
        `/aggregates?group=${encodeURIComponent(`group:default/dept-${d}`)}`,
    ),
    ...Array.from(
      { length: 100 },
      (_, t) =>
        `/aggregates?group=${encodeURIComponent(`group:default/team-${t}`)}`,
    ),
    ...Array.from(
      { length: 25 },
      (_, s) =>
        `/aggregates?system=${encodeURIComponent(
          `system:default/system-${s}`,
        )}`,
    ),
    ...[0, 1, 2].map(n => `/scorecards/bench-${n}/leaderboard`),
    ...[0, 1, 2].map(n => `/scorecards/bench-${n}/history`),
  ];
  for (const [label, pluginCache] of [
    ['with the 5 s aggregate cache (as shipped)', cache],
    ['every request computed (cache off)', noCache],
  ] as const) {
    const app = express();
    app.use(
      '/api/scorecards',
      await createRouter({
        httpAuth,
        auth,
        permissions,
        catalog,
        cache: pluginCache,
        definitions,
        store,
        runner,
        triggerFullRun: async () => {},
      }),
    );
    const server = app.listen(0);
    const baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/scorecards`;
    const { latencies, errors } = await load(baseUrl, paths);
    server.close();
    console.log(
      `  aggregate endpoints, ${CLIENTS} concurrent clients for ${LOAD_SECONDS} s over ${
        paths.length
      } URLs, ${label}: ${latencies.length} requests, p50 ${percentile(
        latencies,
        50,
      ).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(
        1,
      )} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms${
        errors ? `, ${errors} errors` : ''
      }`,
    );
  }

  await knex.destroy();
  await db.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch(e => {
  console.error(e);
  process.exit(1);
});
