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
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { scorecardsPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/testDatabases';

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
    getEntitiesByRefs: async (req, o) => all().getEntitiesByRefs(req, o),
    getEntities: async (req, o) => all().getEntities(req, o),
  });
}

const alice = mockCredentials.user.header('user:default/alice');
const bob = mockCredentials.user.header('user:default/bob');

describe('scorecards backend', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('evaluates changed entities, serves results and aggregates only for what the caller can read, notifies owners of drops and forgets deleted entities', async () => {
    fs.writeFileSync(path.join(dir, 'ready.yaml'), SCORECARD);
    fs.writeFileSync(
      path.join(dir, 'broken.yaml'),
      'id: broken\ntitle: [oops\n',
    );
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
    ];
    const scheduler = mockServices.scheduler.mock();
    const send = jest.fn();
    const knex = await databases.init(databaseId);
    const { server } = await startTestBackend({
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
      ],
    });
    const task = (id: string) =>
      scheduler.scheduleTask.mock.calls.find(([t]) => t.id === id)![0].fn;
    const evaluateChanges = task('scorecards-evaluate-changes');
    await evaluateChanges(new AbortController().signal);

    const defs = await request(server)
      .get('/api/scorecards/scorecards')
      .set('Authorization', bob);
    expect(defs.body.items.map((s: any) => s.id)).toEqual(['ready']);
    expect(defs.body.items[0].checks[0]).toEqual({
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

    const bare = await request(server)
      .get('/api/scorecards/entities/default/component/a-bare')
      .set('Authorization', bob);
    expect(bare.body.results[0]).toMatchObject({
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

    // alice may not read b-orphan: no results, and it is not counted for her
    await request(server)
      .get('/api/scorecards/entities/default/component/b-orphan')
      .set('Authorization', alice)
      .expect(404);
    const levels = async (auth: string, query = '') =>
      (
        await request(server)
          .get(`/api/scorecards/aggregates?scorecard=ready${query}`)
          .set('Authorization', auth)
          .expect(200)
      ).body.items[0];
    expect((await levels(bob)).levels).toEqual([
      { level: null, count: 1 },
      { level: 'bronze', count: 1 },
      { level: 'silver', count: 1 },
    ]);
    expect(await levels(alice)).toEqual({
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
    // nothing alice sends reads b-orphan: not by entity, group or system
    const orphanHistory = await request(server)
      .get(
        `/api/scorecards/scorecards/ready/history?entity=${encodeURIComponent(
          'component:default/b-orphan',
        )}`,
      )
      .set('Authorization', alice);
    expect(orphanHistory.body.items).toEqual([]);
    expect((await levels(bob, '&system=shop')).total).toBe(1);
    expect((await levels(alice, '&system=shop')).total).toBe(0);
    const aliceBoard = await request(server)
      .get('/api/scorecards/scorecards/ready/leaderboard')
      .set('Authorization', alice);
    expect(aliceBoard.body.items).toEqual([]);

    // a parent group counts its child groups' entities
    expect((await levels(bob, '&group=engineering')).total).toBe(2);

    const failing = await request(server)
      .get('/api/scorecards/scorecards/ready/checks/owned/entities')
      .set('Authorization', alice);
    expect(failing.body.items).toEqual([]);
    const failingForBob = await request(server)
      .get('/api/scorecards/scorecards/ready/checks/owned/entities')
      .set('Authorization', bob);
    expect(failingForBob.body.items).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/b-orphan',
        status: 'fail',
      }),
    ]);

    const board = await request(server)
      .get('/api/scorecards/scorecards/ready/leaderboard')
      .set('Authorization', bob);
    expect(
      board.body.items.map((e: any) => [e.groupRef, e.total, e.passRate]),
    ).toEqual([
      ['group:default/engineering', 2, 0.75],
      ['group:default/team-a', 2, 0.75],
    ]);

    const history = await request(server)
      .get('/api/scorecards/scorecards/ready/history?days=7')
      .set('Authorization', bob);
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

    // bad input is named
    const badQuery = await request(server)
      .get('/api/scorecards/scorecards/ready/history?days=0')
      .set('Authorization', bob);
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/days/);
    await request(server)
      .get('/api/scorecards/scorecards/nope/leaderboard')
      .set('Authorization', bob)
      .expect(404);

    // re-evaluating needs its own permission
    await request(server)
      .post('/api/scorecards/entities/default/component/a-good/refresh')
      .set('Authorization', alice)
      .expect(403);

    // an edit that drops a level notifies the owner
    entities[2] = component('a-good', { owner: 'team-a' }, undefined);
    entities[2].metadata.etag = 'a-good-2';
    // and a deleted entity's results go away
    entities.splice(4, 1);
    await evaluateChanges(new AbortController().signal);
    expect(send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'group:default/team-a' },
      payload: expect.objectContaining({
        title: 'a-good dropped from Silver to Bronze on Ready',
        link: '/catalog/default/component/a-good/scorecards',
      }),
    });
    expect((await levels(bob)).total).toBe(2);
    const refreshed = await request(server)
      .post('/api/scorecards/entities/default/component/a-good/refresh')
      .set('Authorization', bob)
      .expect(200);
    expect(refreshed.body.results[0].level).toBe('bronze');
  });
});
