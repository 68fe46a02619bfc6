import { ConflictError } from '@backstage/errors';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  createServiceFactory,
  BackstageCredentials,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { CATALOG_ENTITY_CHANGES_TOPIC } from '@internal/plugin-catalog-entity-changes-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { scorecardsPlugin } from './plugin';
import { createTestDatabases, waitUntil } from '@internal/test-utils';

// the first full run (1,100 entities) is part of the set-up
jest.setTimeout(60_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const SCORECARD = `
id: ready
title: Ready
appliesTo: { kind: [Component] }
levels:
  - id: bronze
    title: Bronze
    checks:
      - id: owned
        title: Owned by a team
        fix: Set spec.owner to your team.
        condition: { '==': [{ var: catalog.ownerIsGroup }, true] }
  - id: silver
    title: Silver
    checks:
      - id: described
        title: Described
        fix: Write a description.
        condition: { '==': [{ var: catalog.hasDescription }, true] }
`;

/** Applies to Resources only, so its 1,100 entities count nowhere else. */
const BULK_SCORECARD = `
id: bulk
title: Bulk
appliesTo: { kind: [Resource] }
levels:
  - id: bronze
    title: Bronze
    checks:
      - id: described
        title: Described
        condition: { '==': [{ var: catalog.hasDescription }, true] }
`;
const BULK = 1100;

const resource = (i: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: `r-${String(i).padStart(4, '0')}`,
    namespace: 'default',
    etag: `r-${i}`,
  },
  spec: { type: 'database', owner: 'team-a' },
});

const component = (
  name: string,
  spec: object,
  description?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', description, etag: `${name}-1` },
  spec: { type: 'service', lifecycle: 'production', ...spec },
});
const group = (name: string, children: string[] = [], members = 1): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', etag: name },
  spec: { type: 'team', children },
  relations: [
    ...children.map(c => ({
      type: 'parentOf',
      targetRef: `group:default/${c}`,
    })),
    ...Array.from({ length: members }, (_, i) => ({
      type: 'hasMember',
      targetRef: `user:default/${name}-${i}`,
    })),
  ],
});

/**
 * A catalog over a mutable list of entities, where the user alice may only
 * read entities whose name starts with "a-" (as a conditional catalog policy
 * would decide); service callers read everything.
 */
function catalogOver(entities: Entity[]) {
  const all = () => catalogServiceMock({ entities });
  const mayRead = (options: unknown, e?: Entity | null) =>
    !!e &&
    (
      (options as { credentials: BackstageCredentials }).credentials
        .principal as any
    ).userEntityRef !== 'user:default/alice'
      ? true
      : !!e && e.metadata.name.startsWith('a-');
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, o) => {
      const e = await all().getEntityByRef(ref, o);
      return mayRead(o, e) ? e : undefined;
    },
    queryEntities: async (req, o) => {
      const page = await all().queryEntities(req, o);
      return {
        ...page,
        items: page.items.filter(e => mayRead(o, e)),
      };
    },
    getEntityFacets: async (req, o) => {
      const readable = (await all().getEntities({}, o)).items.filter(e =>
        mayRead(o, e),
      );
      return catalogServiceMock({ entities: readable }).getEntityFacets(req, o);
    },
    getEntitiesByRefs: async (req, o) => all().getEntitiesByRefs(req, o),
    getEntities: async (req, o) => all().getEntities(req, o),
  });
}

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

describe('scorecards backend', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-'));
  fs.writeFileSync(path.join(dir, 'ready.yaml'), SCORECARD);
  fs.writeFileSync(path.join(dir, 'bulk.yaml'), BULK_SCORECARD);
  fs.writeFileSync(path.join(dir, 'broken.yaml'), 'id: broken\ntitle: [oops\n');
  const entities = [
    group('engineering', ['team-a']),
    group('team-a'),
    component('a-good', { owner: 'team-a' }, 'Serves things'),
    component('a-bare', { owner: 'team-a' }),
    component(
      'b-orphan',
      { owner: 'user:default/someone', system: 'shop' },
      'Has a person as owner',
    ),
    ...Array.from({ length: BULK }, (_, i) => resource(i)),
  ];
  const scheduler = mockServices.scheduler.mock();
  const send = jest.fn();
  // one events bus for the test and the plugin, where the catalog's change
  // feed is announced
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let evaluateAll: () => Promise<void>;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        scorecardsPlugin,
        scheduler.factory,
        catalogOver(entities).factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: { scorecards: { definitions: [dir] } },
        }),
        mockServices.permissions.mock({
          authorizeConditional: async (_requests, { credentials }) =>
            [
              (credentials.principal as any).userEntityRef ===
              'user:default/alice'
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'catalog',
                    resourceType: 'catalog-entity',
                    conditions: {
                      rule: 'HAS_NAME_PREFIX',
                      resourceType: 'catalog-entity',
                      params: { prefix: 'a-' },
                    },
                  }
                : { result: AuthorizeResult.ALLOW },
            ] as PolicyDecision[],
          authorize: async (_requests, { credentials }) => [
            {
              result:
                (credentials.principal as any).userEntityRef ===
                'user:default/alice'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            },
          ],
        }).factory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send }),
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => events,
        }),
      ],
    }));
    const task = (id: string) =>
      scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id)![0].fn;
    const fullRun = task('scorecards-evaluate-all');
    evaluateAll = () => fullRun(new AbortController().signal) as any;
    await evaluateAll();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const get = (url: string, auth = bob) =>
    request(server).get(`/api/scorecards${url}`).set('Authorization', auth);
  const aggregate = async (auth: string, query = '') =>
    (await get(`/aggregates?scorecard=ready${query}`, auth).expect(200)).body
      .items[0];

  it('lists the definitions without their conditions, and the broken files', async () => {
    const defs = await get('/scorecards').expect(200);
    expect(defs.body.items.map((s: any) => s.id)).toEqual(['bulk', 'ready']);
    expect(defs.body.items[1].checks[0]).toEqual({
      id: 'owned',
      title: 'Owned by a team',
      fix: 'Set spec.owner to your team.',
      level: 'bronze',
    });
    expect(defs.body.errors).toEqual([
      {
        file: path.join(dir, 'broken.yaml'),
        message: expect.stringMatching(/^YAML error/),
      },
    ]);
  });

  it("serves an entity's results with each failing check's reason", async () => {
    const bare = await get('/entities/default/component/a-bare').expect(200);
    expect(bare.body.entityRef).toBe('component:default/a-bare');
    expect(bare.body.results[0]).toMatchObject({
      scorecardId: 'ready',
      level: 'bronze',
      checks: [
        { checkId: 'owned', status: 'pass' },
        {
          checkId: 'described',
          status: 'fail',
          reason:
            'expected catalog.hasDescription == true; catalog.hasDescription is false',
        },
      ],
    });
  });

  it('counts levels and checks per scorecard, a parent group counting its child groups', async () => {
    expect(await aggregate(bob)).toEqual({
      scorecardId: 'ready',
      total: 3,
      levels: [
        { level: null, count: 1 },
        { level: 'bronze', count: 1 },
        { level: 'silver', count: 1 },
      ],
      checks: [
        { checkId: 'owned', pass: 2, fail: 1, error: 0 },
        { checkId: 'described', pass: 2, fail: 1, error: 0 },
      ],
    });
    expect((await aggregate(bob, '&group=engineering')).total).toBe(2);
    expect(
      (
        await aggregate(
          bob,
          `&group=${encodeURIComponent('group:default/team-a')}`,
        )
      ).total,
    ).toBe(2);
    expect((await aggregate(bob, '&system=shop')).total).toBe(1);
  });

  it('shows a caller only the entities the catalog lets them read', async () => {
    await get('/entities/default/component/b-orphan', alice).expect(404);
    expect(await aggregate(alice)).toEqual({
      scorecardId: 'ready',
      total: 2,
      levels: [
        { level: null, count: 0 },
        { level: 'bronze', count: 1 },
        { level: 'silver', count: 1 },
      ],
      checks: [
        { checkId: 'owned', pass: 2, fail: 0, error: 0 },
        { checkId: 'described', pass: 1, fail: 1, error: 0 },
      ],
    });
    expect((await aggregate(alice, '&system=shop')).total).toBe(0);
    const history = await get(
      `/scorecards/ready/history?entity=${encodeURIComponent(
        'component:default/b-orphan',
      )}`,
      alice,
    ).expect(200);
    expect(history.body.items).toEqual([]);
    const failing = await get(
      '/scorecards/ready/checks/owned/entities',
      alice,
    ).expect(200);
    expect(failing.body).toEqual({ items: [], totalItems: 0 });
    const board = await get('/scorecards/ready/leaderboard', alice).expect(200);
    expect(board.body.items).toEqual([]);
  });

  it('lists the entities failing a check', async () => {
    const failing = await get('/scorecards/ready/checks/owned/entities').expect(
      200,
    );
    expect(failing.body).toEqual({
      items: [
        {
          entityRef: 'component:default/b-orphan',
          status: 'fail',
          reason: expect.stringMatching(/^expected catalog.ownerIsGroup/),
          level: null,
        },
      ],
      totalItems: 1,
    });
    const passing = await get(
      '/scorecards/ready/checks/owned/entities?status=pass',
    ).expect(200);
    expect(passing.body.items.map((e: any) => e.entityRef)).toEqual([
      'component:default/a-bare',
      'component:default/a-good',
    ]);
  });

  it('pages through more than 1,000 entities of a check, each once, by entity ref', async () => {
    const first = await get(
      '/scorecards/bulk/checks/described/entities?limit=1000',
    ).expect(200);
    expect(first.body.items).toHaveLength(1000);
    expect(first.body.totalItems).toBe(BULK);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await get(
      `/scorecards/bulk/checks/described/entities?limit=1000&cursor=${encodeURIComponent(
        first.body.nextCursor,
      )}`,
    ).expect(200);
    expect(second.body.items).toHaveLength(BULK - 1000);
    expect(second.body.totalItems).toBe(BULK);
    expect(second.body.nextCursor).toBeUndefined();
    expect(
      [...first.body.items, ...second.body.items].map((e: any) => e.entityRef),
    ).toEqual(
      Array.from(
        { length: BULK },
        (_, i) => `resource:default/r-${String(i).padStart(4, '0')}`,
      ),
    );
    // 100 a page unless asked
    const byDefault = await get(
      '/scorecards/bulk/checks/described/entities',
    ).expect(200);
    expect(byDefault.body.items).toHaveLength(100);
    expect(byDefault.body.items[99].entityRef).toBe('resource:default/r-0099');
  });

  it("ranks groups by pass rate, counting their child groups' entities", async () => {
    const board = await get('/scorecards/ready/leaderboard').expect(200);
    expect(
      board.body.items.map((e: any) => [e.groupRef, e.total, e.passRate]),
    ).toEqual([
      ['group:default/engineering', 2, 0.75],
      ['group:default/team-a', 2, 0.75],
    ]);
  });

  it("counts each day's levels", async () => {
    const history = await get('/scorecards/ready/history?days=7').expect(200);
    expect(history.body.items).toEqual([
      {
        day: new Date().toISOString().slice(0, 10),
        levels: [
          { level: null, count: 1 },
          { level: 'bronze', count: 1 },
          { level: 'silver', count: 1 },
        ],
      },
    ]);
  });

  it.each([
    ['/scorecards/ready/history?days=0', /days/],
    ['/scorecards/ready/history?days=731', /days/],
    ['/aggregates?group=component:default/a-good', /group/],
    ['/aggregates?colour=red', /colour/],
    ['/scorecards/ready/checks/owned/entities?status=broken', /status/],
    ['/scorecards/ready/checks/owned/entities?limit=1001', /limit/],
    ['/scorecards/ready/checks/owned/entities?cursor=bm9wZQ', /cursor/],
  ])('refuses %s with a 400 naming the parameter', async (url, named) => {
    const res = await get(url).expect(400);
    expect(res.body.error.message).toMatch(named);
  });

  it.each([
    '/scorecards/nope/leaderboard',
    '/scorecards/ready/checks/nope/entities',
    '/aggregates?scorecard=nope',
  ])('answers %s with a 404', async url => {
    const res = await get(url).expect(404);
    expect(res.body.error.name).toBe('NotFoundError');
  });

  it('needs the refresh permission to re-evaluate', async () => {
    const refused = await request(server)
      .post('/api/scorecards/entities/default/component/a-good/refresh')
      .set('Authorization', alice)
      .expect(403);
    expect(refused.body.error.name).toBe('NotAllowedError');
    await request(server)
      .post('/api/scorecards/refresh')
      .set('Authorization', alice)
      .expect(403);
    const refreshed = await request(server)
      .post('/api/scorecards/entities/default/component/a-bare/refresh')
      .set('Authorization', bob)
      .expect(200);
    expect(refreshed.body).toMatchObject({
      entityRef: 'component:default/a-bare',
      results: [{ scorecardId: 'ready', level: 'bronze' }],
    });
  });

  describe('after the catalog changes', () => {
    beforeAll(async () => {
      // a-good loses its description (Silver to Bronze), and the catalog
      // announces it; b-orphan is deleted, which is not announced
      entities[2] = component('a-good', { owner: 'team-a' }, undefined);
      entities[2].metadata.etag = 'a-good-2';
      entities.splice(4, 1);
      await events.publish({
        topic: CATALOG_ENTITY_CHANGES_TOPIC,
        eventPayload: { entityRefs: ['component:default/a-good'] },
      });
    });

    it('evaluates an announced entity and notifies the owner of its drop, linking to its scorecards', async () => {
      await waitUntil(async () => send.mock.calls.length > 0, {
        timeoutMs: 15_000,
        what: 'the drop of a-good to be notified',
      });
      expect(send).toHaveBeenCalledTimes(1);
      expect(send).toHaveBeenCalledWith({
        recipients: { type: 'entity', entityRef: 'group:default/team-a' },
        payload: expect.objectContaining({
          title: 'a-good dropped from Silver to Bronze on Ready',
          link: '/catalog/default/component/a-good/scorecards',
        }),
      });
      const good = await get('/entities/default/component/a-good').expect(200);
      expect(good.body.results[0].level).toBe('bronze');
    });

    it('forgets a deleted entity in the full run', async () => {
      expect(
        (await get('/entities/default/component/b-orphan').expect(404)).body
          .error.name,
      ).toBe('NotFoundError');
      expect((await aggregate(bob)).total).toBe(3);

      await evaluateAll();

      const { levels, total } = await aggregate(bob);
      expect(total).toBe(2);
      expect(levels).toEqual([
        { level: null, count: 0 },
        { level: 'bronze', count: 2 },
        { level: 'silver', count: 0 },
      ]);
      const failing = await get(
        '/scorecards/ready/checks/owned/entities',
      ).expect(200);
      expect(failing.body).toEqual({ items: [], totalItems: 0 });
    });
  });

  describe('full runs', () => {
    /** When a-bare, which every test leaves as it is, was last evaluated. */
    const evaluatedAt = async () =>
      Date.parse(
        (await get('/entities/default/component/a-bare').expect(200)).body
          .results[0].evaluatedAt,
      );

    it('on the schedule skip the entities just evaluated; after a refresh the next one evaluates them all, and only the next', async () => {
      const before = await evaluatedAt();
      await evaluateAll();
      expect(await evaluatedAt()).toBe(before);

      scheduler.triggerTask.mockClear();
      await request(server)
        .post('/api/scorecards/refresh')
        .set('Authorization', bob)
        .expect(202);
      expect(scheduler.triggerTask).toHaveBeenCalledWith(
        'scorecards-evaluate-all',
      );
      await evaluateAll();
      const refreshed = await evaluatedAt();
      expect(refreshed).toBeGreaterThan(before);

      await evaluateAll();
      expect(await evaluatedAt()).toBe(refreshed);
    });

    it('a refresh while the task runs is accepted, and that run is followed by a full one', async () => {
      const before = await evaluatedAt();
      scheduler.triggerTask.mockRejectedValueOnce(
        new ConflictError('the task is running'),
      );
      await request(server)
        .post('/api/scorecards/refresh')
        .set('Authorization', bob)
        .expect(202);

      await evaluateAll();
      expect(await evaluatedAt()).toBeGreaterThan(before);
    });

    it('after the definitions change, the next one evaluates every entity', async () => {
      const before = await evaluatedAt();
      scheduler.triggerTask.mockClear();

      fs.writeFileSync(
        path.join(dir, 'bulk.yaml'),
        BULK_SCORECARD.replace('title: Bulk', 'title: Bulk resources'),
      );
      await waitUntil(async () => scheduler.triggerTask.mock.calls.length > 0, {
        timeoutMs: 10_000,
        what: 'a full run to be started after the definitions changed',
      });
      expect(scheduler.triggerTask).toHaveBeenCalledWith(
        'scorecards-evaluate-all',
      );
      await evaluateAll();

      expect(await evaluatedAt()).toBeGreaterThan(before);
    });
  });
});
