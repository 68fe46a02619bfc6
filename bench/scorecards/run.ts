/* eslint-disable no-console */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory from 'knex';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { CacheManager } from '@backstage/backend-defaults/cache';
import { ConfigReader } from '@backstage/config';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CATALOG_ENTITY_CHANGES_TOPIC,
  CatalogEntityChanges,
} from '@internal/plugin-catalog-entity-changes-node';
import { provideTestPostgres, dropDatabases } from '@internal/launcher';
import {
  CatalogFactProvider,
  ScorecardsService,
} from '@internal/plugin-scorecards-backend';
import { generateCatalog, generateScorecards } from './generateCatalog';
import { IndexedCatalog } from './IndexedCatalog';

/**
 * Scorecards benchmark: ENTITIES (default 10 000) catalog components, three
 * scorecards of 20 catalog-fact checks each, through the plugin's
 * ScorecardsService (its evaluator, runner, Postgres store and the reads the
 * REST routes make, one service call each). The catalog is served from an
 * indexed in-memory list (the catalog's own speed is not what is measured).
 *
 *   ./greenroom yarn bench:scorecards
 *
 * Prints: the full evaluation's time and peak memory; how long an entity
 * edit takes to show in its scores once the catalog announces it on the
 * entity-change feed (the catalog module publishes within a second; the
 * feed waits 2 s for stitching, as in the plugin); and the latencies of the
 * aggregate reads under 20 concurrent clients, with the plugin's 5 s
 * aggregate cache and without it.
 *
 *   ENTITIES=100000 ./greenroom yarn bench:scorecards
 *
 * runs it at 100,000 components.
 */
const COUNT = Number(process.env.ENTITIES ?? 10_000);
const CLIENTS = 20;
const LOAD_SECONDS = Number(process.env.LOAD_SECONDS ?? 15);
/** The catalog module publishes the changes it saw at most once a second. */
const PUBLISH_INTERVAL_MS = 1_000;

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
const userCredentials: BackstageCredentials = {
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

/** A read of the aggregates, as one REST route makes it. */
type Read = (service: ScorecardsService) => Promise<unknown>;

async function load(service: ScorecardsService, reads: Read[]) {
  const latencies: number[] = [];
  let errors = 0;
  const until = Date.now() + LOAD_SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = c; Date.now() < until; i += CLIENTS) {
        const started = performance.now();
        try {
          JSON.stringify(await reads[i % reads.length](service));
        } catch {
          errors += 1;
        }
        latencies.push(performance.now() - started);
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
  const cache = CacheManager.fromConfig(new ConfigReader({})).forPlugin(
    'scorecards',
  );
  const noCache: any = {
    get: async () => undefined,
    set: async () => {},
    delete: async () => {},
    withOptions: () => noCache,
  };
  const permissions: any = {
    authorizeConditional: async () => [{ result: AuthorizeResult.ALLOW }],
    authorize: async () => [{ result: AuthorizeResult.ALLOW }],
  };
  const serviceWith = (pluginCache: any) =>
    ScorecardsService.create({
      logger,
      database: { getClient: async () => knex } as any,
      catalog,
      auth,
      permissions,
      cache: pluginCache,
      definitions: [dir],
      factProviders: [new CatalogFactProvider(catalog, auth)],
    });
  const service = await serviceWith(cache);
  const { items: scorecards } = service.listScorecards();

  const baseMiB = process.memoryUsage().rss / 1024 / 1024;
  const checks = scorecards.reduce((n, s) => n + s.checks.length, 0);
  console.log(
    `Scorecards, ${COUNT} components x ${scorecards.length} scorecards (${checks} catalog-fact checks in all):`,
  );
  // The first run writes every result; the next ones (hourly, or after the
  // change feed has evaluated the ingested entities) only what changed.
  for (const label of ['first', 'next (as hourly)']) {
    const full = await peakRss(() => service.evaluateAll());
    console.log(
      `  full evaluation, ${label}: ${(full.ms / 1000).toFixed(2)} s for ${
        full.value.results
      } results (${
        full.value.results * (checks / 3)
      } checks), in Postgres; process peak RSS ${full.peakMiB.toFixed(
        0,
      )} MiB (${baseMiB.toFixed(
        0,
      )} MiB before, the in-memory catalog included)`,
    );
  }

  // Edits, announced on the change feed as the catalog module would, and
  // evaluated by the plugin's handler.
  const events = DefaultEventsService.create({ logger });
  const changes = CatalogEntityChanges.create({
    events,
    logger,
    subscriberId: 'bench',
  });
  const batches: number[] = [];
  await changes.subscribe(async refs => {
    const started = performance.now();
    const outcome = await service.evaluateChanged(refs);
    batches.push(performance.now() - started);
    return outcome;
  });
  const editDelays: number[] = [];
  for (let k = 0; k < 5; k++) {
    const index = entities.findIndex(
      (e, i) =>
        i > 200 + k * 997 && e.kind === 'Component' && e.metadata.description,
    );
    const ref = stringifyEntityRef(entities[index]);
    const results = async () =>
      JSON.stringify(
        await service.getEntityResults(parseEntityRef(ref), userCredentials),
      );
    const before = await results();
    const started = performance.now();
    edit(index, e => {
      delete e.metadata.description;
      e.metadata.etag = `${e.metadata.etag}-edited`;
    });
    setTimeout(
      () =>
        events.publish({
          topic: CATALOG_ENTITY_CHANGES_TOPIC,
          eventPayload: { entityRefs: [ref] },
        }),
      Math.random() * PUBLISH_INTERVAL_MS,
    );
    while ((await results()) === before) {
      await new Promise(r => setTimeout(r, 50));
    }
    editDelays.push(performance.now() - started);
  }
  changes.close();
  console.log(
    `  an edit shows in its scores after: median ${(
      percentile(editDelays, 50) / 1000
    ).toFixed(2)} s, max ${(Math.max(...editDelays) / 1000).toFixed(
      2,
    )} s (5 edits, announced on the change feed within ${
      PUBLISH_INTERVAL_MS / 1000
    } s, then 2 s for stitching; the handler took median ${percentile(
      batches,
      50,
    ).toFixed(0)} ms a batch, whatever the catalog's size)`,
  );

  const reads: Read[] = [
    x => x.getAggregates({}, userCredentials),
    ...Array.from(
      { length: 10 },
      (_, d): Read =>
        x =>
          x.getAggregates(
            { group: `group:default/dept-${d}` },
            userCredentials,
          ),
    ),
    ...Array.from(
      { length: 100 },
      (_, t): Read =>
        x =>
          x.getAggregates(
            { group: `group:default/team-${t}` },
            userCredentials,
          ),
    ),
    ...Array.from(
      { length: 25 },
      (_, s): Read =>
        x =>
          x.getAggregates(
            { system: `system:default/system-${s}` },
            userCredentials,
          ),
    ),
    ...[0, 1, 2].map(
      (n): Read =>
        x =>
          x.getLeaderboard(`bench-${n}`, userCredentials),
    ),
    ...[0, 1, 2].map(
      (n): Read =>
        x =>
          x.getHistory(`bench-${n}`, { days: 90 }, userCredentials),
    ),
  ];
  for (const [label, reader] of [
    ['with the 5 s aggregate cache (as shipped)', service],
    ['every request computed (cache off)', await serviceWith(noCache)],
  ] as const) {
    const { latencies, errors } = await load(reader, reads);
    console.log(
      `  aggregate reads, ${CLIENTS} concurrent clients for ${LOAD_SECONDS} s over ${
        reads.length
      } queries, ${label}: ${latencies.length} requests, p50 ${percentile(
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
