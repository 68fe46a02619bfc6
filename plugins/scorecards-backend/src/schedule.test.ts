import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsFactProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { Knex } from 'knex';
import { scorecardsPlugin } from './plugin';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import {
  countingScheduler,
  SchedulerCounts,
} from './__testUtils__/countingScheduler';

const databases = createTestDatabases();

jest.setTimeout(60_000);

const FULL_RUN = 'scorecards-evaluate-all';
const CHANGES = 'scorecards-evaluate-changes';
const ENTITY_REFS = [
  'component:default/one',
  'component:default/three',
  'component:default/two',
];

/** One backend instance, with what its own scheduler and fact provider saw. */
interface Instance {
  backend: Awaited<ReturnType<typeof startTestBackend>>;
  counts: SchedulerCounts;
  /** The entities this instance's fact provider was asked about. */
  asked: string[];
}

/** A task as the scheduler's own endpoint on one instance reports it. */
interface TaskReport {
  taskId: string;
  taskState: {
    status: 'idle' | 'running';
    startsAt?: string;
    lastRunEndedAt?: string;
  } | null;
  workerState: { status: 'initial-wait' | 'idle' | 'running' } | null;
}

async function startInstance(knex: Knex, definitionsDir: string) {
  const counts: SchedulerCounts = {
    scheduled: [],
    started: new Map(),
    finished: new Map(),
  };
  const asked: string[] = [];
  // A fact provider added through the extension point, recording the
  // entities this instance evaluates.
  const recordingFacts = createBackendModule({
    pluginId: 'scorecards',
    moduleId: 'recording-facts',
    register(reg) {
      reg.registerInit({
        deps: { facts: scorecardsFactProvidersExtensionPoint },
        async init({ facts }) {
          facts.addFactProvider({
            id: 'count',
            facts: { seen: { type: 'boolean', description: 'Always true' } },
            async getFacts(entities) {
              asked.push(...entities.map(e => stringifyEntityRef(e)));
              return new Map(
                entities.map(e => [stringifyEntityRef(e), { seen: true }]),
              );
            },
          });
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      recordingFacts,
      countingScheduler(counts),
      mockServices.database.factory({ knex }),
      catalogServiceMock.factory({
        entities: ['one', 'two', 'three'].map(name => ({
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name, namespace: 'default', etag: name },
          spec: { type: 'service', owner: 'team-a' },
        })),
      }),
      mockServices.rootConfig.factory({
        data: {
          scorecards: {
            definitions: [definitionsDir],
            schedule: {
              frequency: { minutes: 30 },
              timeout: { minutes: 1 },
              initialDelay: { seconds: 1 },
            },
          },
        },
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: jest.fn() }),
      }),
    ],
  });
  return { backend, counts, asked };
}

/** The scorecards tasks as this instance's scheduler reports them. */
async function tasksOf(instance: Instance): Promise<Map<string, TaskReport>> {
  const res = await request(instance.backend.server)
    .get('/api/scorecards/.backstage/scheduler/v1/tasks')
    .set('Authorization', mockCredentials.service.header());
  if (res.status !== 200) {
    throw new Error(`scheduler tasks: HTTP ${res.status} ${res.text}`);
  }
  return new Map(
    (res.body.tasks as TaskReport[]).map(task => [task.taskId, task]),
  );
}

/**
 * Whether, as this instance sees it, the full run is over and not due for
 * a long while, this instance's worker is past its initial delay and idle,
 * and a change scan has finished after the full run.
 */
async function settled(instance: Instance): Promise<boolean> {
  const tasks = await tasksOf(instance);
  const full = tasks.get(FULL_RUN);
  const changes = tasks.get(CHANGES);
  const fullEnded = full?.taskState?.lastRunEndedAt;
  const changesEnded = changes?.taskState?.lastRunEndedAt;
  return Boolean(
    full?.workerState?.status === 'idle' &&
      full.taskState?.status === 'idle' &&
      fullEnded &&
      Date.parse(full.taskState.startsAt ?? '') > Date.now() + 10 * 60_000 &&
      changesEnded &&
      Date.parse(changesEnded) > Date.parse(fullEnded),
  );
}

describe('the evaluation schedule', () => {
  let dir: string;
  let instances: Instance[] = [];

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-schedule-'));
    fs.writeFileSync(
      path.join(dir, 'counted.yaml'),
      `id: counted
title: Counted
levels:
  - id: one
    title: One
    checks:
      - id: seen
        title: Seen
        condition: { '==': [{ var: count.seen }, true] }
`,
    );
  });

  afterAll(async () => {
    await Promise.all(instances.map(i => i.backend.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('runs the full evaluation once across two backend instances sharing a database', async () => {
    const knex = await databases.init(databases.eachSupportedId()[0][0]);
    instances = [
      await startInstance(knex, dir),
      await startInstance(knex, dir),
    ];
    const report = () =>
      JSON.stringify(
        instances.map(i => ({
          started: Object.fromEntries(i.counts.started),
          finished: Object.fromEntries(i.counts.finished),
          asked: i.asked,
        })),
      );

    // Wait until both instances say the full run is done and not due again
    // soon, and a change scan has come after it.
    await waitUntil(
      async () => (await Promise.all(instances.map(settled))).every(Boolean),
      {
        timeoutMs: 30_000,
        intervalMs: 200,
        what: () => `the schedule to settle; per instance: ${report()}`,
      },
    );

    // Both instances took part: each scheduled both tasks.
    for (const { counts } of instances) {
      expect([...counts.scheduled].sort()).toEqual([FULL_RUN, CHANGES].sort());
    }
    // One instance ran the full evaluation, once; the other never did.
    expect(
      instances.map(i => i.counts.started.get(FULL_RUN) ?? 0).sort(),
    ).toEqual([0, 1]);
    const ran = instances.find(i => i.counts.started.get(FULL_RUN) === 1)!;
    const other = instances.find(i => i !== ran)!;
    expect(ran.counts.finished.get(FULL_RUN)).toBe(1);
    // It evaluated each entity once, and the change scans that followed (on
    // either instance) found nothing changed to evaluate again.
    expect([...ran.asked].sort()).toEqual(ENTITY_REFS);
    expect(other.asked).toEqual([]);
    const changeScans = instances.map(i => i.counts.finished.get(CHANGES) ?? 0);
    expect(changeScans[0] + changeScans[1]).toBeGreaterThanOrEqual(1);
  });
});
