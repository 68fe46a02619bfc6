/* eslint-disable no-console */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
} from '@internal/launcher';
import { BenchBackend, sleep } from './BenchBackend';
import { GeneratedCatalog } from './generateCatalog';
import { BenchClient, HealthProbe, poll, runLoad } from './measure';
import {
  addEntityForSearch,
  probeHealthDuringBadBuilds,
  timeEditToScore,
  timeFullScorecardsRun,
  timeMcpScorecards,
  Timed,
} from './greenroomFigures';
import { kindCounts } from './generateCatalog';
import { BackendSet, formatReport, SetFigures } from './report';

/**
 * Scale benchmark: a generated catalog of N entities, ingested by the real
 * backend and by the same backend without Greenroom's in-house modules, one
 * after the other on the same Postgres; prints what each costs (see
 * README.md).
 *
 *   yarn bench:scale --entities 10000
 */
const root = path.resolve(__dirname, '../..');

const usage = `yarn bench:scale [--entities 10000] [--only stock|greenroom] [--keep]
  [--port 7107] [--idle-seconds 120] [--load-seconds 30] [--search-timeout-seconds 720]
  [--cpu-profile]`;

function readOptions() {
  const { values } = parseArgs({
    options: {
      entities: { type: 'string', default: '10000' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      port: { type: 'string', default: '7107' },
      'idle-seconds': { type: 'string', default: '120' },
      'load-seconds': { type: 'string', default: '30' },
      'search-timeout-seconds': { type: 'string', default: '720' },
      'cpu-profile': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (name: keyof typeof values, min: number) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) {
      throw new Error(
        `--${name} must be a whole number of at least ${min}, got '${values[name]}'\n${usage}`,
      );
    }
    return n;
  };
  if (values.only && values.only !== 'stock' && values.only !== 'greenroom') {
    throw new Error(
      `--only must be stock or greenroom, got '${values.only}'\n${usage}`,
    );
  }
  const entities = number('entities', 100);
  return {
    entities,
    sets: (values.only
      ? [values.only]
      : ['stock', 'greenroom']) as BackendSet[],
    keep: values.keep,
    port: number('port', 1),
    idleMs: number('idle-seconds', 10) * 1000,
    loadMs: number('load-seconds', 5) * 1000,
    searchTimeoutMs: number('search-timeout-seconds', 10) * 1000,
    cpuProfile: values['cpu-profile'],
    // the stock catalog took 114 s for 10,002 entities here
    ingestTimeoutMs: Math.max(600_000, entities * 60),
  };
}
type Options = ReturnType<typeof readOptions>;

const entries: Record<BackendSet, string> = {
  greenroom: path.join(root, 'packages/backend/src/index.ts'),
  stock: path.join(__dirname, 'stockBackend.ts'),
};

/** The config layered over app-config.yaml for one set: its own databases, port, folders and the generated catalog. */
function writeBenchConfig(
  work: string,
  set: BackendSet,
  catalog: GeneratedCatalog,
  options: Options,
) {
  const dir = path.join(work, set);
  fs.mkdirSync(path.join(dir, 'repositories'), { recursive: true });
  const baseUrl = `http://localhost:${options.port}`;
  const config = {
    backend: {
      baseUrl,
      listen: { port: options.port },
      database: { prefix: databasePrefix(set) },
    },
    catalog: {
      locations: catalog.locations.map(target => ({ type: 'file', target })),
    },
    techdocs: {
      publisher: { local: { publishDirectory: path.join(dir, 'techdocs') } },
    },
    greenroom: {
      publish: { localRepositories: path.join(dir, 'repositories') },
    },
  };
  const file = path.join(dir, 'app-config.bench.yaml');
  // JSON is YAML
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return { file, baseUrl };
}

/** The backend being measured, stopped if the bench is interrupted. */
let running: BenchBackend | undefined;

function databasePrefix(set: BackendSet) {
  return `greenroom_bench_scale_${set}_`;
}

function describe(t?: Timed) {
  if (t === undefined) return 'not measured';
  return t.ms === undefined ? t.note : `${(t.ms / 1000).toFixed(1)} s`;
}

const log = (set: BackendSet, line: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${set}: ${line}`);

/** Polls the kind facets until every generated entity is there. */
async function waitForCatalog(
  set: BackendSet,
  client: BenchClient,
  backend: BenchBackend,
  catalog: GeneratedCatalog,
  timeoutMs: number,
): Promise<{ queryableMs?: number; queryable: number }> {
  const { byKind, total } = catalog.expected;
  let queryable = 0;
  let lastPrinted = 0;
  const done = await poll(
    async () => {
      const { facets } = await client.json<{
        facets: Record<string, { value: string; count: number }[]>;
      }>('/api/catalog/entity-facets?facet=kind');
      const counts = new Map(facets.kind.map(f => [f.value, f.count]));
      queryable = Object.keys(byKind).reduce(
        (sum, kind) => sum + Math.min(counts.get(kind) ?? 0, byKind[kind]),
        0,
      );
      if (queryable >= total) return backend.now();
      if (backend.now() - lastPrinted > 30_000) {
        lastPrinted = backend.now();
        log(
          set,
          `${queryable} of ${total} entities after ${(
            backend.now() / 1000
          ).toFixed(0)} s`,
        );
      }
      return undefined;
    },
    {
      // every 2 s, every 5 s at 100,000 entities: the count costs more there
      intervalMs: Math.max(2000, total / 20),
      timeoutMs,
      alive: () => backend.assertRunning(),
    },
  );
  return { queryableMs: done, queryable };
}

async function measureSet(
  set: BackendSet,
  work: string,
  catalog: GeneratedCatalog,
  db: { host: string; port: number; user: string; password: string },
  options: Options,
): Promise<SetFigures> {
  await assertPortFree(options.port);
  await dropDatabases(db, databasePrefix(set));
  const { file, baseUrl } = writeBenchConfig(work, set, catalog, options);
  const logFile = path.join(root, '.data', 'bench-scale', `${set}-backend.log`);
  const profile = path.join(root, '.data', 'bench-scale', `${set}.cpuprofile`);
  // a backend that is killed writes none: never point at an earlier run's
  fs.rmSync(profile, { force: true });
  const backend = BenchBackend.start({
    nodeArgs: options.cpuProfile
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${path.dirname(profile)}`,
          `--cpu-prof-name=${path.basename(profile)}`,
        ]
      : [],
    root,
    entry: entries[set],
    configs: [path.join(root, 'app-config.yaml'), file],
    env: { ...process.env, ...databaseEnv(db) },
    logFile,
    baseUrl,
  });
  running = backend;
  log(
    set,
    `started ${path.relative(root, entries[set])}, log in ${path.relative(
      root,
      logFile,
    )}`,
  );
  const health = new HealthProbe(baseUrl, 1000, () => backend.now());
  const client = new BenchClient(baseUrl);
  const problems: string[] = [];
  /** Seconds since spawn at which every entity was queryable, for the profile's window. */
  let queryableSeconds: number | undefined;
  try {
    const readyMs = await backend.waitUntilReady(300_000);
    log(set, `ready after ${(readyMs / 1000).toFixed(1)} s`);

    const ingestion = await waitForCatalog(
      set,
      client,
      backend,
      catalog,
      options.ingestTimeoutMs,
    );
    const ingestedAt = ingestion.queryableMs ?? backend.now();
    queryableSeconds = ingestedAt / 1000;
    const ingestionBytes = backend.logBytes();
    if (ingestion.queryableMs === undefined) {
      problems.push(
        `only ${ingestion.queryable} of ${
          catalog.expected.total
        } entities were queryable after ${options.ingestTimeoutMs / 1000} s`,
      );
    }
    log(
      set,
      `${ingestion.queryable} entities queryable after ${(
        ingestedAt / 1000
      ).toFixed(1)} s; sampling for ${options.idleMs / 1000} s`,
    );
    const healthDuringIngestion = health.figures(0, ingestedAt);

    await sleep(options.idleMs);
    backend.assertRunning();
    const afterIngestion = backend.window(ingestedAt, backend.now());
    log(
      set,
      `CPU ${afterIngestion.cpuPercent.toFixed(1)} %, RSS max ${Math.round(
        afterIngestion.rssMaxBytes / 2 ** 20,
      )} MiB, ${(afterIngestion.logBytes / 1024).toFixed(1)} KiB logged`,
    );

    // added now and looked for in the background while the rest is measured
    const fresh =
      set === 'greenroom'
        ? await addEntityForSearch(client, backend, catalog)
        : undefined;

    const load = { clients: 10, durationMs: options.loadMs, warmupMs: 3000 };
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
    log(
      set,
      `list p50 ${list.p50Ms.toFixed(0)} ms p99 ${list.p99Ms.toFixed(
        0,
      )} ms ${list.rps.toFixed(0)} rps; facets p50 ${facets.p50Ms.toFixed(
        0,
      )} ms ${facets.rps.toFixed(0)} rps`,
    );

    const figures: SetFigures = {
      set,
      readyMs,
      queryableMs: ingestion.queryableMs,
      queryable: ingestion.queryable,
      afterIngestion,
      log: {
        totalBytes: 0,
        ingestionBytes,
        perMinuteAfter: afterIngestion.logBytes / (afterIngestion.seconds / 60),
      },
      list,
      facets,
      healthDuringIngestion,
      problems,
    };

    // a figure that cannot be taken is reported; the others still are
    const attempt = async <T>(what: string, measure: () => Promise<T>) => {
      try {
        return await measure();
      } catch (e) {
        backend.assertRunning();
        problems.push(`${what}: ${e}`);
        return undefined;
      }
    };
    if (set === 'greenroom') {
      figures.fullRun = await attempt('full scorecards run', () =>
        timeFullScorecardsRun(client, backend, 1_800_000),
      );
      log(
        set,
        `full scorecards run: ${describe(figures.fullRun)}, started ${(
          (figures.fullRun?.waitMs ?? NaN) / 1000
        ).toFixed(1)} s after its trigger`,
      );
      figures.editToScore = await attempt('edit to score', () =>
        timeEditToScore(client, backend, catalog, 120_000),
      );
      log(
        set,
        `edit to score: ${describe(
          figures.editToScore,
        )} (has-description was '${
          figures.editToScore?.before
        }' before the edit)`,
      );
    }

    if (set === 'greenroom') {
      figures.mcpScorecards = await attempt(
        "an entity's scorecards through MCP",
        () => timeMcpScorecards(client, kindCounts(options.entities).Component),
      );
      if (figures.mcpScorecards) {
        const m = figures.mcpScorecards;
        log(
          set,
          `MCP scorecards.get-entity-scorecards: p50 ${m.p50Ms.toFixed(
            0,
          )} ms, p95 ${m.p95Ms.toFixed(0)} ms over ${m.calls} calls${
            m.errors.length ? `; errors: ${m.errors.join('; ')}` : ''
          }`,
        );
      }
    }
    figures.badBuilds = await attempt('bad docs builds', () =>
      probeHealthDuringBadBuilds(client, backend, catalog),
    );
    if (figures.badBuilds) {
      log(
        set,
        `liveness while the bad docs build: max ${figures.badBuilds.maxMs.toFixed(
          0,
        )} ms over ${figures.badBuilds.probes} probes`,
      );
    }

    if (fresh) {
      if ('note' in fresh) {
        figures.search = { note: fresh.note };
      } else {
        log(
          set,
          `waiting up to ${
            options.searchTimeoutMs / 1000
          } s from its ingestion for search to find the new entity`,
        );
        figures.search = await fresh.searchable(options.searchTimeoutMs);
      }
      log(set, `search: ${describe(figures.search)}`);
    }

    figures.log.totalBytes = backend.logBytes();
    return figures;
  } finally {
    await health.stop();
    await backend.stop();
    if (options.cpuProfile) {
      const file = path.relative(root, profile);
      const from = queryableSeconds?.toFixed(1) ?? '<queryable s>';
      const to =
        queryableSeconds === undefined
          ? `<queryable s + ${options.idleMs / 1000}>`
          : (queryableSeconds + options.idleMs / 1000).toFixed(1);
      log(
        set,
        `CPU profile in ${file}; after ingestion: yarn bench:profile-window ${file} --from ${from} --to ${to}`,
      );
    }
    if (!options.keep) await dropDatabases(db, databasePrefix(set));
  }
}

/**
 * Throws when something listens on the port: the bench would measure that
 * (another bench's backend, a portal) instead of its own.
 */
async function assertPortFree(port: number): Promise<void> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} is in use (another bench or backend?): stop it, or pass --port`,
            )
          : e,
      ),
    );
    server.listen(port, () => server.close(() => resolve()));
  });
}

async function interrupted(signal: NodeJS.Signals) {
  console.error(`${signal}: stopping the backend`);
  await running?.stop();
  process.exit(1);
}

async function main() {
  const started = performance.now();
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const options = readOptions();
  const db = await provideTestPostgres({ root, log: () => {} });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-bench-scale-'));
  try {
    const catalog = GeneratedCatalog.write(
      path.join(work, 'catalog'),
      options.entities,
    );
    console.log(
      `Catalog of ${catalog.expected.total} entities (${Object.entries(
        catalog.expected.byKind,
      )
        .map(([kind, n]) => `${n} ${kind}`)
        .join(', ')}) in ${
        catalog.locations.length
      } files under ${work}; Postgres at ${db.connection.host}:${
        db.connection.port
      }; load average ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')} on ${os.cpus().length} cores`,
    );
    const figures: Partial<Record<BackendSet, SetFigures>> = {};
    for (const set of options.sets) {
      figures[set] = await measureSet(
        set,
        work,
        catalog,
        db.connection,
        options,
      );
    }
    console.log('');
    console.log(
      `"After ingestion" is the ${
        options.idleMs / 1000
      } s after every entity was queryable; latencies with ${
        options.loadMs / 1000
      } s of load each.`,
    );
    console.log(formatReport(figures, options.entities));
    console.log('');
    console.log(
      `Total run time ${((performance.now() - started) / 60_000).toFixed(
        1,
      )} min; load average at the end ${os
        .loadavg()
        .map(l => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    if (options.keep) {
      console.log(`Kept ${work} and the greenroom_bench_scale_* databases`);
    } else {
      fs.rmSync(work, { recursive: true, force: true });
    }
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
