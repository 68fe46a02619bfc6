/* eslint-disable no-console */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { waitUntil } from '@internal/test-utils';
import { startProductionWorld } from '../../packages/app/e2e-tests/production/productionWorld';
import { ldapOrg, person } from '../../packages/app/e2e-tests/production/org';
import { serviceToken } from '../../packages/app/e2e-tests/production/serviceToken';
import { signInThroughProvider } from '../../packages/app/e2e-tests/production/signIn';
import { quantile } from '../scale/measure';
import { driveLoad, Sample } from './load';
import { runsPerPeriod, watchScheduledRuns } from './scheduledRuns';

/**
 * Greenroom as replicas (issue 14): two production backends on one Postgres
 * and one Redis, behind a health-checked HAProxy standing in for the
 * Kubernetes Service. It drives mixed reads through the proxy, SIGKILLs one
 * replica and starts it again, and prints what people would have seen.
 *
 *   yarn bench:replicas [--rps 200] [--seconds 60] [--kill-at 20] [--back-at 40]
 */
const root = path.resolve(__dirname, '../..');
const DATABASE_PREFIX = 'greenroom_bench_replicas_';
const TEMPLATE = 'template:default/replica-bench-wait';
/** The entity the load reads: the demo's documented service. */
const ENTITY = {
  namespace: 'default',
  kind: 'component',
  name: 'payments-service',
};

const usage =
  'usage: yarn bench:replicas [--rps 200] [--seconds 60] [--kill-at 20] [--back-at 40]';
const { values } = parseArgs({
  options: {
    rps: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '60' },
    'kill-at': { type: 'string', default: '20' },
    'back-at': { type: 'string', default: '40' },
  },
});
const rps = Number(values.rps);
const seconds = Number(values.seconds);
const killAt = Number(values['kill-at']);
const backAt = Number(values['back-at']);
if (
  ![rps, seconds, killAt, backAt].every(n => Number.isFinite(n) && n > 0) ||
  !(killAt < backAt && backAt < seconds)
) {
  throw new Error(`${usage}\n(kill-at < back-at < seconds, all positive)`);
}

const results = path.join(root, '.data', 'bench-replicas');
const log = (line: string) =>
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** A template that runs long enough to be cut by the kill. */
const template = `apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: replica-bench-wait
  title: Waits, then logs
spec:
  owner: group:default/${ldapOrg.groups[0].cn}
  type: service
  steps:
    - id: wait
      name: Wait
      action: debug:wait
      input:
        seconds: ${Math.ceil(killAt + 20)}
    - id: log
      name: Log
      action: debug:log
      input:
        message: waited
`;

async function json(res: Response, what: string) {
  if (!res.ok) {
    throw new Error(`${what}: ${res.status} ${await res.text()}`);
  }
  return res.json();
}

async function main() {
  fs.mkdirSync(results, { recursive: true });
  log(`starting two production replicas behind haproxy (logs: ${results})`);
  const world = await startProductionWorld({
    root,
    results,
    databasePrefix: DATABASE_PREFIX,
    org: ldapOrg,
    accounts: [{ id: person.login, email: person.email, name: person.name }],
    catalogFiles: {
      files: { '/template.yaml': template },
      locations: [{ path: '/template.yaml', allow: ['Template'] }],
    },
    env: {
      GREENROOM_ADMINS: `user:default/${person.uid}`,
      GREENROOM_DEMO: 'true',
      GREENROOM_REDIS_URL:
        process.env.GREENROOM_REDIS_URL ?? 'redis://127.0.0.1:6379',
    },
    replicas: 2,
    log,
  });
  const browser = await chromium.launch({
    executablePath: process.env.GREENROOM_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  try {
    const { baseUrl, proxy, replicas } = world;
    const [victim, survivor] = replicas;
    const serversUp = async () =>
      (await proxy!.servers()).every(s => s.status === 'UP');
    await waitUntil(serversUp, {
      timeoutMs: 30_000,
      what: 'haproxy to see both replicas up',
    });

    // A person signs in through the proxy, as in production.
    const context = await browser.newContext({ baseURL: baseUrl });
    const page = await context.newPage();
    const service = {
      authorization: `Bearer ${serviceToken(world.backendSecret)}`,
    };
    await waitUntil(
      async () =>
        (
          await fetch(
            `${baseUrl}/api/catalog/entities/by-name/user/default/${person.uid}`,
            { headers: service },
          )
        ).ok,
      {
        timeoutMs: 120_000,
        intervalMs: 1000,
        what: `${person.uid} in the catalog`,
      },
    );
    await page.goto('/');
    await signInThroughProvider(page, person.login);
    await page
      .getByText('My team', { exact: true })
      .waitFor({ timeout: 30_000 });
    const refresh = await page.request.get(
      '/api/auth/oidc/refresh?optional&env=production',
      { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
    );
    if (!refresh.ok()) {
      throw new Error(
        `the session: ${refresh.status()} ${await refresh.text()}`,
      );
    }
    const session = await refresh.json();
    const token: string = session.backstageIdentity.token;
    const headers = { authorization: `Bearer ${token}` };
    log(`${person.uid} signed in`);

    // What the load reads must be there first: the docs built, the scores evaluated.
    const { namespace, kind, name } = ENTITY;
    const requests = [
      {
        what: 'catalog list',
        path: '/api/catalog/entities/by-query?limit=20&filter=kind=component&orderField=metadata.name,asc',
      },
      {
        what: 'entity page',
        path: `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      },
      {
        what: 'docs page',
        path: `/api/techdocs/static/docs/${namespace}/${kind}/${name}/index.html`,
      },
      {
        what: 'scorecards',
        path: `/api/scorecards/entities/${namespace}/${kind}/${name}`,
      },
    ];
    await waitUntil(
      async () => {
        for (const r of requests) {
          const res = await fetch(`${baseUrl}${r.path}`, { headers });
          await res.arrayBuffer();
          if (!res.ok) return false;
        }
        return true;
      },
      {
        timeoutMs: 300_000,
        intervalMs: 2000,
        what: `every read of the load to answer 200 (${requests
          .map(r => r.path)
          .join(', ')})`,
      },
    );
    await waitUntil(
      async () =>
        (
          await fetch(
            `${baseUrl}/api/catalog/entities/by-name/template/default/replica-bench-wait`,
            { headers },
          )
        ).ok,
      {
        timeoutMs: 120_000,
        intervalMs: 1000,
        what: `${TEMPLATE} in the catalog`,
      },
    );

    // The template run starts on the replica that will be killed: the other
    // one is paused until it has claimed the task.
    process.kill(survivor.current()!.pid, 'SIGSTOP');
    let taskId: string;
    try {
      const created = await json(
        await fetch(`${victim.url}/api/scaffolder/v2/tasks`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ templateRef: TEMPLATE, values: {} }),
        }),
        'starting the template run',
      );
      taskId = created.id;
      await waitUntil(
        async () =>
          (
            await json(
              await fetch(`${victim.url}/api/scaffolder/v2/tasks/${taskId}`, {
                headers,
              }),
              'the task',
            )
          ).status === 'processing',
        { timeoutMs: 20_000, what: `task ${taskId} claimed by ${victim.name}` },
      );
    } finally {
      process.kill(survivor.current()!.pid, 'SIGCONT');
    }
    await waitUntil(serversUp, {
      timeoutMs: 30_000,
      what: 'haproxy to see both replicas up again',
    });
    log(`template run ${taskId} is running on ${victim.name}`);

    const scheduled = await watchScheduledRuns({
      connection: world.db.connection,
      prefix: DATABASE_PREFIX,
    });
    const timeline: string[] = [];
    const mark = (at: number, what: string) =>
      timeline.push(`${(at / 1000).toFixed(1).padStart(5)} s  ${what}`);
    const loadStart = Date.now();
    const since = () => Date.now() - loadStart;
    let sessionAfterKill = 'not checked';
    let backReadyAt = NaN;
    let backUpAt = NaN;
    let downAt = NaN;
    /** An event of the run; its failure is shown in the timeline, not thrown. */
    const event = (ms: number, run: () => Promise<void>) => ({
      ms,
      run: () =>
        run().catch(e => {
          mark(since(), `failed: ${e instanceof Error ? e.message : e}`);
        }),
    });
    // what haproxy's checks say, as it changes
    let watching = true;
    const states = new Map<string, string>();
    const watchProxy = (async () => {
      while (watching) {
        for (const s of await proxy!.servers().catch(() => [])) {
          if (states.get(s.name) !== s.status) {
            states.set(s.name, s.status);
            mark(since(), `haproxy: ${s.name} ${s.status}`);
          }
        }
        await new Promise(resolve => setTimeout(resolve, 250));
      }
    })();
    log(`load: ${rps} requests/s for ${seconds} s through haproxy`);
    const samples: Sample[] = await driveLoad({
      baseUrl,
      requests,
      headers,
      rps,
      durationMs: seconds * 1000,
      timeoutMs: 10_000,
      at: [
        event(killAt * 1000, async () => {
          mark(since(), `SIGKILL ${victim.name}`);
          await victim.kill();
          await waitUntil(
            async () =>
              (await proxy!.servers()).find(s => s.name === victim.name)
                ?.status === 'DOWN',
            {
              timeoutMs: 20_000,
              intervalMs: 100,
              what: `${victim.name} marked down`,
            },
          );
          downAt = since();
          // the person reloads the page while only the survivor answers
          const home = page.getByText('My team', { exact: true });
          const signIn = page.getByRole('button', { name: 'Sign in' });
          await page.reload();
          await home.or(signIn).first().waitFor({ timeout: 60_000 });
          sessionAfterKill = (await home.isVisible())
            ? `the reloaded page shows ${person.name}'s home, no sign-in`
            : 'the reloaded page asks to sign in again';
          mark(since(), `page reloaded: ${sessionAfterKill}`);
        }),
        event(backAt * 1000, async () => {
          mark(since(), `starting ${victim.name} again`);
          await victim.start();
          backReadyAt = since();
          mark(backReadyAt, `${victim.name} ready`);
          await waitUntil(serversUp, {
            timeoutMs: 60_000,
            intervalMs: 100,
            what: `haproxy to see ${victim.name} up`,
          });
          backUpAt = since();
        }),
      ],
    });
    watching = false;
    await watchProxy;
    const runs = await scheduled.stop();
    const windowMs = Date.now() - loadStart;

    // The run the kill cut: failed, with its reason, then run again.
    const taskOf = async () =>
      json(
        await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${taskId}`, {
          headers,
        }),
        'the task',
      );
    await waitUntil(async () => (await taskOf()).status === 'failed', {
      timeoutMs: 180_000,
      intervalMs: 1000,
      what: `task ${taskId} marked failed`,
    });
    const failedAt = since();
    const events = await json(
      await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${taskId}/events`, {
        headers,
      }),
      'the task events',
    );
    const reason =
      [...events].reverse().find((e: any) => e.type === 'completion')?.body
        ?.message ?? '(no completion event)';
    await json(
      await fetch(`${baseUrl}/api/scaffolder/v2/tasks/${taskId}/retry`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({}),
      }),
      'retrying the task',
    );
    await waitUntil(async () => (await taskOf()).status === 'completed', {
      timeoutMs: 180_000,
      intervalMs: 1000,
      what: `task ${taskId} completed after its retry`,
    });
    const completedAt = since();

    const failed = samples.filter(s => !s.ok);
    const lateFailures = failed.filter(s => s.at >= (killAt + 5) * 1000);
    const steady = samples.filter(s => s.at < killAt * 1000).map(s => s.ms);
    const all = samples.map(s => s.ms);
    const afterKill = samples
      .filter(s => s.at >= killAt * 1000 && s.at < backAt * 1000)
      .map(s => s.ms);
    const afterBack = samples.filter(s => s.at >= backAt * 1000).map(s => s.ms);
    const outcomes = new Map<string, number>();
    for (const f of failed) {
      const key = `${f.what}: ${f.outcome}`;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    const ms = (v: number) => `${Math.round(v)} ms`;
    const steadyP99 = quantile(steady, 0.99);
    const runP99 = quantile(all, 0.99);
    const scheduledLines = runs
      .filter(r => r.periodMs <= windowMs)
      .sort((a, b) => a.task.localeCompare(b.task))
      .map(r => {
        const { periods, twice, missed } = runsPerPeriod(r, windowMs);
        const verdict = twice
          ? 'MORE runs than periods'
          : missed
          ? 'FEWER runs than periods'
          : 'once per period';
        return `    ${r.task}: every ${r.periodMs / 1000} s, ${
          r.runs.length
        } runs in ${periods} periods: ${verdict}`;
      });
    const longer = runs.filter(r => r.periodMs > windowMs);

    console.log(
      [
        '',
        `Two production replicas behind haproxy, ${rps} requests/s for ${seconds} s (${requests
          .map(r => r.what)
          .join(', ')}), ${
          victim.name
        } killed at ${killAt} s and started again at ${backAt} s:`,
        `  requests sent:               ${samples.length}`,
        `  failed:                      ${failed.length} (${(
          (100 * failed.length) /
          samples.length
        ).toFixed(2)} %; target ≤ 0.5 %)`,
        `  failed from ${killAt + 5} s on:          ${
          lateFailures.length
        } (target 0)`,
        ...[...outcomes].map(([k, n]) => `    ${n} × ${k}`),
        `  p50 / p99 steady (0–${killAt} s): ${ms(
          quantile(steady, 0.5),
        )} / ${ms(steadyP99)}`,
        `  p99 whole run:               ${ms(runP99)} (${(
          runP99 / steadyP99
        ).toFixed(2)}x steady; target ≤ 2x)`,
        `  p99 while one replica:       ${ms(quantile(afterKill, 0.99))}`,
        `  p99 after it is back:        ${ms(quantile(afterBack, 0.99))}`,
        `  ${victim.name}: marked down ${(
          (downAt - killAt * 1000) /
          1000
        ).toFixed(1)} s after the kill; ready ${(
          (backReadyAt - backAt * 1000) /
          1000
        ).toFixed(1)} s after its start, in haproxy ${(
          (backUpAt - backReadyAt) /
          1000
        ).toFixed(1)} s later`,
        `  template run on ${victim.name}: failed ${(
          failedAt / 1000 -
          killAt
        ).toFixed(
          0,
        )} s after the kill ("${reason}"); after a retry, completed ${(
          (completedAt - failedAt) /
          1000
        ).toFixed(0)} s later`,
        `  signed-in session:           ${sessionAfterKill}`,
        `  global scheduled tasks with a period within the ${(
          windowMs / 1000
        ).toFixed(0)} s watched:`,
        ...(scheduledLines.length ? scheduledLines : ['    none']),
        `    ${longer.length} more with longer periods ran ${longer.reduce(
          (n, r) => n + r.runs.length,
          0,
        )} times (${
          longer.filter(r => runsPerPeriod(r, windowMs).twice).length
        } more than once)`,
        '  timeline:',
        ...timeline.map(t => `    ${t}`),
      ].join('\n'),
    );
  } finally {
    await browser.close();
    await world.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
