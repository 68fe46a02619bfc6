import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { BenchBackend, sleep } from './BenchBackend';
import { connectMcp } from '@internal/test-utils';
import { GeneratedCatalog } from './generateCatalog';
import {
  BenchClient,
  HealthProbe,
  poll,
  quantile,
  syncDocs,
  SyncOutcome,
} from './measure';

/** A figure that was measured, or why not. */
export type Timed = { ms: number } | { ms?: undefined; note: string };

const FULL_RUN_TASK = /evaluate-all/;

/**
 * A full scorecards run: `POST /api/scorecards/refresh` (after any run in
 * progress has ended), timed from the start the scheduler reports
 * (`/api/scorecards/.backstage/scheduler/v1/tasks`, `startedAt`) to the run's
 * end (`lastRunEndedAt`), with the wait from the trigger to the start apart
 * (a triggered task starts only once its worker has polled, and not before
 * the task's initial delay) and the backend's peak RSS meanwhile.
 */
export async function timeFullScorecardsRun(
  client: BenchClient,
  backend: BenchBackend,
  timeoutMs: number,
): Promise<Timed & { rssMaxBytes?: number; waitMs?: number }> {
  const alive = () => backend.assertRunning();
  const tasksPath = '/api/scorecards/.backstage/scheduler/v1/tasks';
  const task = async () => {
    const { tasks } = await client.json<{ tasks: any[] }>(tasksPath);
    const found = tasks.find(t => FULL_RUN_TASK.test(t.taskId));
    if (!found) {
      throw new Error(
        `no task matching ${FULL_RUN_TASK} in ${tasksPath}: ${tasks
          .map(t => t.taskId)
          .join(', ')}`,
      );
    }
    return found as {
      taskId: string;
      taskState?: {
        status: string;
        startedAt?: string;
        lastRunEndedAt?: string;
        lastRunError?: string;
      };
    };
  };
  try {
    await task();
  } catch (e) {
    return { note: String(e) };
  }
  const idle = await poll(
    async () =>
      (await task()).taskState?.status === 'running' ? undefined : true,
    { intervalMs: 1000, timeoutMs, alive },
  );
  if (!idle)
    return {
      note: `a run already in progress did not end in ${timeoutMs / 1000} s`,
    };
  const before = (await task()).taskState?.lastRunEndedAt;

  const triggeredWall = Date.now();
  const triggeredAt = backend.now();
  const res = await client.fetch('/api/scorecards/refresh', { method: 'POST' });
  if (res.status !== 202) {
    return {
      note: `POST /api/scorecards/refresh answered ${
        res.status
      } ${await res.text()}`,
    };
  }
  let startedAt: string | undefined;
  const ended = await poll(
    async () => {
      const state = (await task()).taskState;
      if (state?.status === 'running') startedAt ??= state.startedAt;
      return state?.status !== 'running' && state?.lastRunEndedAt !== before
        ? state
        : undefined;
    },
    { intervalMs: 250, timeoutMs, alive },
  );
  if (!ended?.lastRunEndedAt) {
    return {
      note: `the run did not end within ${timeoutMs / 1000} s of its trigger (${
        startedAt ? `started at ${startedAt}` : 'it never started'
      })`,
    };
  }
  // a run shorter than the polling interval is never seen running: then the
  // time from the trigger is all there is
  const start = startedAt ? Date.parse(startedAt) : triggeredWall;
  const waitMs = start - triggeredWall;
  const ms = Date.parse(ended.lastRunEndedAt) - start;
  const rssMaxBytes = backend.window(triggeredAt, backend.now()).rssMaxBytes;
  if (ended.lastRunError) {
    return {
      note: `the run failed after ${ms} ms: ${ended.lastRunError}`,
      rssMaxBytes,
      waitMs,
    };
  }
  return { ms, rssMaxBytes, waitMs };
}

/**
 * Edit to score: one component's too-short description is made long in its
 * catalog file, the catalog is asked to refresh it, and the time until its
 * `documentation` scorecard shows `has-description` passing is measured (and
 * until the catalog serves the new description, for comparison).
 */
export async function timeEditToScore(
  client: BenchClient,
  backend: BenchBackend,
  catalog: GeneratedCatalog,
  timeoutMs: number,
): Promise<Timed & { catalogMs?: number; before?: string }> {
  const alive = () => backend.assertRunning();
  const ref = 'component:default/component-0';
  const { namespace, name } = parseEntityRef(ref);
  const check = async () => {
    const results = await client.json<{ results: any[] }>(
      `/api/scorecards/entities/${namespace}/component/${name}`,
    );
    return results.results
      .find(r => r.scorecardId === 'documentation')
      ?.checks.find((c: any) => c.checkId === 'has-description')?.status as
      | string
      | undefined;
  };
  const before = await check().catch(e => `unreadable: ${e}`);
  const description =
    'Component 0, edited by the scale bench: a description long enough to pass.';
  const started = performance.now();
  catalog.editEntity(ref, entity => {
    entity.metadata.description = description;
  });
  await client.json('/api/catalog/refresh', {
    method: 'POST',
    body: JSON.stringify({ entityRef: ref }),
  });
  let catalogMs: number | undefined;
  const passed = await poll(
    async () => {
      if (catalogMs === undefined) {
        const entity = await client.json<Entity>(
          `/api/catalog/entities/by-name/component/${namespace}/${name}`,
        );
        if (entity.metadata.description === description) {
          catalogMs = performance.now() - started;
        }
      }
      return (await check()) === 'pass' ? true : undefined;
    },
    { intervalMs: 200, timeoutMs, alive },
  );
  if (!passed) {
    return {
      note: `has-description did not pass within ${
        timeoutMs / 1000
      } s (was '${before}')`,
      catalogMs,
      before,
    };
  }
  return { ms: performance.now() - started, catalogMs, before };
}

/**
 * A new entity, added to a catalog file and refreshed: resolves once the
 * catalog serves it, with a function that resolves with the time from then
 * until the search API finds it.
 */
export async function addEntityForSearch(
  client: BenchClient,
  backend: BenchBackend,
  catalog: GeneratedCatalog,
): Promise<
  { searchable: (timeoutMs: number) => Promise<Timed> } | { note: string }
> {
  const alive = () => backend.assertRunning();
  const name = `fresh-${Date.now().toString(36)}`;
  const beside = 'group:default/dept-0';
  catalog.addEntity(beside, {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      description: 'Added by the scale bench to time how soon search finds it.',
    },
    spec: { type: 'service', lifecycle: 'experimental', owner: 'dept-0' },
  });
  await client.json('/api/catalog/refresh', {
    method: 'POST',
    body: JSON.stringify({ entityRef: beside }),
  });
  const seen = await poll(
    async () => {
      const res = await client.fetch(
        `/api/catalog/entities/by-name/component/default/${name}`,
      );
      return res.ok ? true : undefined;
    },
    { intervalMs: 250, timeoutMs: 300_000, alive },
  );
  if (!seen) return { note: `${name} was not in the catalog within 300 s` };
  const ingestedAt = performance.now();
  // polled from now on, in the background, so that it is timed while the
  // other figures are measured; `searchable` ends it
  let foundMs: number | undefined;
  let stopped = false;
  const background = (async () => {
    while (!stopped && foundMs === undefined) {
      try {
        const { results } = await client.json<{ results: any[] }>(
          `/api/search/query?term=${encodeURIComponent(name)}`,
        );
        if (
          results.some(r => JSON.stringify(r.document ?? {}).includes(name))
        ) {
          foundMs = performance.now() - ingestedAt;
        }
      } catch {
        // tried again
      }
      await sleep(2000);
    }
  })();
  return {
    searchable: async timeoutMs => {
      try {
        while (
          foundMs === undefined &&
          performance.now() - ingestedAt < timeoutMs
        ) {
          backend.assertRunning();
          await sleep(500);
        }
      } finally {
        stopped = true;
        await background;
      }
      return foundMs === undefined
        ? {
            note: `not found by search within ${
              timeoutMs / 1000
            } s of its ingestion`,
          }
        : { ms: foundMs };
    },
  };
}

/**
 * Builds the snippet bomb and the symlink fan-out through the TechDocs sync
 * endpoint, both at once, while the liveness endpoint is called every 50 ms;
 * returns the health latencies during the builds and how each build ended.
 * A sync that did nothing (TechDocs checks an entity at most once a minute)
 * is tried again after that minute.
 */
export async function probeHealthDuringBadBuilds(
  client: BenchClient,
  backend: BenchBackend,
  catalog: GeneratedCatalog,
): Promise<{
  maxMs: number;
  p99Ms: number;
  probes: number;
  outcomes: Record<string, SyncOutcome>;
}> {
  const sites = catalog.badSites;
  const skipped = (o: SyncOutcome) =>
    o.result === 'finish' && o.detail === 'updated: false' && o.logLines === 0;
  let outcomes: [SyncOutcome, SyncOutcome] | undefined;
  const probe = new HealthProbe(backend.baseUrl, 50, () => backend.now());
  let from = 0;
  let to = 0;
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      if (attempt) await sleep(61_000);
      backend.assertRunning();
      from = backend.now();
      outcomes = (await Promise.all(
        [sites.snippetBomb, sites.symlinkFanout].map(e =>
          syncDocs(
            client,
            { kind: 'component', namespace: 'default', name: e.metadata.name },
            600_000,
          ),
        ),
      )) as [SyncOutcome, SyncOutcome];
      to = backend.now() + 1000;
      if (!outcomes.every(skipped)) break;
    }
    await sleep(1000);
  } finally {
    await probe.stop();
  }
  return {
    ...probe.figures(from, to),
    outcomes: {
      'snippet bomb': outcomes![0],
      'symlink fan-out': outcomes![1],
    },
  };
}

/**
 * An agent asking for entities' scorecards through the MCP server (the SDK's
 * client, one Streamable HTTP request per call, as agents make them): `calls`
 * calls one after the other, each for another component, after 10 to warm
 * up; the latency of each whole call.
 */
export async function timeMcpScorecards(
  client: BenchClient,
  components: number,
  calls = 200,
): Promise<{ p50Ms: number; p95Ms: number; calls: number; errors: string[] }> {
  const agent = await connectMcp(
    `${client.baseUrl}/api/mcp-actions/v1`,
    await client.authorization(),
  );
  try {
    const latencies: number[] = [];
    const errors: string[] = [];
    for (let i = -10; i < calls; i++) {
      const ref = `component:default/component-${
        Math.abs(i * 7919) % components
      }`;
      const started = performance.now();
      const answer = await agent.call('scorecards.get-entity-scorecards', {
        entityRef: ref,
      });
      const ms = performance.now() - started;
      if (answer.isError) errors.push(`${ref}: ${answer.text}`);
      else if (i >= 0) latencies.push(ms);
    }
    return {
      p50Ms: quantile(latencies, 0.5),
      p95Ms: quantile(latencies, 0.95),
      calls: latencies.length,
      errors: errors.slice(0, 3),
    };
  } finally {
    await agent.close();
  }
}
