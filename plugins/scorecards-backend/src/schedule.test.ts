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
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { CATALOG_ENTITY_CHANGES_TOPIC } from '@internal/plugin-catalog-entity-changes-node';
import { scorecardsFactProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { Knex } from 'knex';
import { scorecardsPlugin } from './plugin';
import {
  countingScheduler,
  createTestDatabases,
  SchedulerCounts,
  waitUntil,
} from '@internal/test-utils';

const databases = createTestDatabases();

jest.setTimeout(60_000);

const FULL_RUN = 'scorecards-evaluate-all';
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
  /** Announces entity changes on this instance, as its catalog would. */
  announce: (entityRefs: string[]) => Promise<void>;
}

/** The catalog's entities, which a test may change (a new etag). */
const catalogEntities = (): Entity[] =>
  ['one', 'two', 'three'].map(name => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', etag: name },
    spec: { type: 'service', owner: 'team-a' },
  }));

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

async function startInstance(
  knex: Knex,
  definitionsDir: string,
  entities: Entity[] = catalogEntities(),
): Promise<Instance> {
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
            async getFacts(batch) {
              asked.push(...batch.map(e => stringifyEntityRef(e)));
              return new Map(
                batch.map(e => [stringifyEntityRef(e), { seen: true }]),
              );
            },
          });
        },
      });
    },
  });

  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  const backend = await startTestBackend({
    features: [
      scorecardsPlugin,
      recordingFacts,
      countingScheduler(counts),
      mockServices.database.factory({ knex }),
      catalogServiceMock.mock({
        queryEntities: (req, options) =>
          catalogServiceMock({ entities }).queryEntities(req, options),
        getEntitiesByRefs: (req, options) =>
          catalogServiceMock({ entities }).getEntitiesByRefs(req, options),
      }).factory,
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
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
  const announce = (entityRefs: string[]) =>
    events.publish({
      topic: CATALOG_ENTITY_CHANGES_TOPIC,
      eventPayload: { entityRefs },
    });
  return { backend, counts, asked, announce };
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
 * a long while, and this instance's worker is past its initial delay and idle.
 */
async function settled(instance: Instance): Promise<boolean> {
  const full = (await tasksOf(instance)).get(FULL_RUN);
  return Boolean(
    full?.workerState?.status === 'idle' &&
      full.taskState?.status === 'idle' &&
      full.taskState.lastRunEndedAt &&
      Date.parse(full.taskState.startsAt ?? '') > Date.now() + 10 * 60_000,
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

  afterEach(async () => {
    await Promise.all(instances.map(i => i.backend.stop()));
    instances = [];
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const report = () =>
    JSON.stringify(
      instances.map(i => ({
        started: Object.fromEntries(i.counts.started),
        finished: Object.fromEntries(i.counts.finished),
        asked: i.asked,
      })),
    );
  const waitForSettled = (instance: Instance) =>
    waitUntil(() => settled(instance), {
      timeoutMs: 30_000,
      intervalMs: 200,
      what: () => `the full run to be done and not due soon; ${report()}`,
    });

  it('runs the full evaluation once across two backend instances sharing a database', async () => {
    const knex = await databases.init(databases.eachSupportedId()[0][0]);
    instances = [
      await startInstance(knex, dir),
      await startInstance(knex, dir),
    ];

    // Both instances say the full run is done and not due again soon.
    await Promise.all(instances.map(waitForSettled));

    // Both instances took part: each scheduled the full run.
    for (const { counts } of instances) {
      expect(counts.scheduled).toEqual([FULL_RUN]);
    }
    // One instance ran the full evaluation, once; the other never did.
    expect(
      instances.map(i => i.counts.started.get(FULL_RUN) ?? 0).sort(),
    ).toEqual([0, 1]);
    const ran = instances.find(i => i.counts.started.get(FULL_RUN) === 1)!;
    const other = instances.find(i => i !== ran)!;
    expect(ran.counts.finished.get(FULL_RUN)).toBe(1);
    // It evaluated each entity once.
    expect([...ran.asked].sort()).toEqual(ENTITY_REFS);
    expect(other.asked).toEqual([]);
  });

  it('after a restart evaluates nothing again, and after one entity changes exactly that entity', async () => {
    const knex = await databases.init(databases.eachSupportedId()[0][0]);
    const entities = catalogEntities();
    instances = [await startInstance(knex, dir, entities)];
    await waitForSettled(instances[0]);
    expect([...instances[0].asked].sort()).toEqual(ENTITY_REFS);
    await instances[0].backend.stop();

    // The restarted backend keeps the schedule in the database: no full run.
    instances = [await startInstance(knex, dir, entities)];
    const [restarted] = instances;
    await waitForSettled(restarted);
    expect(restarted.counts.started.get(FULL_RUN)).toBeUndefined();

    // Every entity announced (as when the catalog module is first added),
    // then, after one changes, all of them again: only the changed one is
    // evaluated, once.
    await restarted.announce(ENTITY_REFS);
    entities[1] = {
      ...entities[1],
      metadata: { ...entities[1].metadata, etag: 'two-edited' },
    };
    await restarted.announce(ENTITY_REFS);
    await waitUntil(async () => restarted.asked.length > 0, {
      timeoutMs: 15_000,
      what: () => `an evaluation after the change; ${report()}`,
    });
    expect(restarted.asked).toEqual(['component:default/two']);
    expect(restarted.counts.started.get(FULL_RUN)).toBeUndefined();
  });
});
