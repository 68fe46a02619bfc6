import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { createServiceFactory } from '@backstage/backend-plugin-api';
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
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  connectMcp,
  createTestDatabases,
  McpTestClient,
} from '@internal/test-utils';
import { scorecardsPlugin } from '../plugin';

// Scorecards' actions through the real MCP server (the official SDK's client
// over Streamable HTTP), as an agent calls them, with its user's credentials.

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

const component = (
  name: string,
  owner: string,
  description?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', description, etag: name },
  spec: { type: 'service', lifecycle: 'production', owner },
});
const group = (name: string, children: string[] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default', etag: name },
  spec: { type: 'team', children },
  relations: children.map(c => ({
    type: 'parentOf',
    targetRef: `group:default/${c}`,
  })),
});
const user = (name: string, groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default', etag: name },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

const entities = [
  group('engineering', ['team-a', 'team-b']),
  group('team-a'),
  group('team-b'),
  user('alice', ['team-a']),
  user('loner', []),
  component('a-good', 'group:default/team-a', 'Serves things'),
  component('a-bare', 'group:default/team-a'),
  component('a-plain', 'group:default/team-a'),
  component('b-hidden', 'group:default/team-b'),
  component('b-orphan', 'user:default/someone'),
];

/** The catalog, where alice may not read team-b nor what it owns (by name: the fields asked for may leave out the owner). */
function catalog() {
  const all = () => catalogServiceMock({ entities });
  const hidden = (e: Entity | undefined, o: any) =>
    o?.credentials?.principal?.userEntityRef === 'user:default/alice' &&
    ['team-b', 'b-hidden'].includes(e?.metadata.name ?? '');
  return catalogServiceMock.mock({
    getEntityByRef: async (ref, o) => {
      const e = await all().getEntityByRef(ref, o);
      return hidden(e, o) ? undefined : e;
    },
    queryEntities: async (req, o) => {
      const page = await all().queryEntities(req, o);
      return { ...page, items: page.items.filter(e => !hidden(e, o)) };
    },
    getEntities: async (req, o) => {
      const page = await all().getEntities(req, o);
      return { items: page.items.filter(e => !hidden(e, o)) };
    },
    getEntitiesByRefs: async (req, o) => all().getEntitiesByRefs(req, o),
    getEntityFacets: async (req, o) => {
      const readable = (await all().getEntities({}, o)).items.filter(
        e => !hidden(e, o),
      );
      return catalogServiceMock({ entities: readable }).getEntityFacets(req, o);
    },
  });
}

describe('scorecards actions through MCP', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-actions-'));
  fs.writeFileSync(path.join(dir, 'ready.yaml'), SCORECARD);
  const scheduler = mockServices.scheduler.mock();
  let stop: () => Promise<void>;
  let mcpUrl: string;
  const clients: McpTestClient[] = [];
  const as = async (userRef: string) => {
    const c = await connectMcp(mcpUrl, mockCredentials.user.header(userRef));
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        scorecardsPlugin,
        mcpActionsPlugin,
        scheduler.factory,
        catalog().factory,
        // alice's catalog reads are conditional (what the catalog mock hides)
        mockServices.permissions.mock({
          authorizeConditional: async (requests, { credentials }) =>
            requests.map(() =>
              (credentials.principal as any).userEntityRef ===
              'user:default/alice'
                ? {
                    result: AuthorizeResult.CONDITIONAL,
                    pluginId: 'catalog',
                    resourceType: 'catalog-entity',
                    conditions: {
                      rule: 'IS_ENTITY_OWNER',
                      resourceType: 'catalog-entity',
                      params: { claims: ['group:default/team-a'] },
                    },
                  }
                : { result: AuthorizeResult.ALLOW },
            ) as PolicyDecision[],
          authorize: async requests =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })),
        }).factory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: { definitions: [dir] },
            backend: { actions: { pluginSources: ['scorecards'] } },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () =>
            DefaultEventsService.create({ logger: mockServices.logger.mock() }),
        }),
      ],
    });
    stop = () => backend.stop();
    const { port } = backend.server.address() as AddressInfo;
    mcpUrl = `http://localhost:${port}/api/mcp-actions/v1`;
    const fullRun = scheduler.scheduleTask.mock.calls.find(
      ([t]) => t.id === 'scorecards-evaluate-all',
    )![0].fn;
    await fullRun(new AbortController().signal);
  });
  afterAll(async () => {
    await Promise.all(clients.map(c => c.close()));
    await stop?.();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists its three tools', async () => {
    const alice = await as('user:default/alice');
    expect(await alice.toolNames()).toEqual(
      expect.arrayContaining([
        'scorecards.get-entity-scorecards',
        'scorecards.get-team-worst-checks',
        'scorecards.list-check-entities',
      ]),
    );
  });

  it("gives an entity's level, the next one, and what to fix, a bare name meaning a component", async () => {
    const alice = await as('user:default/alice');
    const answer = await alice.call('scorecards.get-entity-scorecards', {
      entityRef: 'a-bare',
    });
    expect(answer.isError).toBe(false);
    expect(answer.structured).toEqual({
      entityRef: 'component:default/a-bare',
      scorecards: [
        {
          scorecardId: 'ready',
          title: 'Ready',
          level: { id: 'bronze', title: 'Bronze' },
          nextLevel: { id: 'silver', title: 'Silver' },
          passed: 1,
          total: 2,
          evaluatedAt: expect.any(String),
          checksToFix: [
            {
              checkId: 'described',
              title: 'Described',
              level: 'silver',
              status: 'fail',
              reason: expect.any(String),
              fix: 'Write a description.',
            },
          ],
        },
      ],
    });
    // the text an agent reads is the same answer
    expect(JSON.parse(answer.text)).toEqual(answer.structured);
  });

  it('names an unknown entity, an entity the user may not read, and a reference that is not one', async () => {
    const alice = await as('user:default/alice');
    await expect(
      alice.call('scorecards.get-entity-scorecards', {
        entityRef: 'component:default/nope',
      }),
    ).resolves.toMatchObject({
      isError: true,
      text: 'NotFoundError: No entity component:default/nope',
    });
    // what alice may not read in the catalog does not exist for her agent
    await expect(
      alice.call('scorecards.get-entity-scorecards', {
        entityRef: 'b-hidden',
      }),
    ).resolves.toMatchObject({
      isError: true,
      text: 'NotFoundError: No entity component:default/b-hidden',
    });
    const bad = await alice.call('scorecards.get-entity-scorecards', {
      entityRef: 'component:',
    });
    expect(bad).toMatchObject({ isError: true });
    expect(bad.text).toMatch(
      /^InputError: 'component:' is not an entity reference/,
    );
  });

  it("gives my team's worst checks, most failing first, with their fixes", async () => {
    const alice = await as('user:default/alice');
    const answer = await alice.call('scorecards.get-team-worst-checks', {});
    expect(answer.isError).toBe(false);
    expect(answer.structured).toEqual({
      groups: ['group:default/team-a'],
      checks: [
        {
          scorecardId: 'ready',
          scorecardTitle: 'Ready',
          checkId: 'described',
          title: 'Described',
          level: 'silver',
          fail: 2,
          error: 0,
          total: 3,
          fix: 'Write a description.',
        },
      ],
    });
  });

  it("counts a named group's child groups, but only what the user may read", async () => {
    const alice = await as('user:default/alice');
    const answer = await alice.call('scorecards.get-team-worst-checks', {
      group: 'engineering',
    });
    // b-hidden (team-b's) is left out for alice
    expect(answer.structured).toMatchObject({
      groups: ['group:default/engineering'],
      checks: [{ checkId: 'described', fail: 2, total: 3 }],
    });
    const bob = await as('user:default/bob');
    expect(
      (
        await bob.call('scorecards.get-team-worst-checks', {
          group: 'engineering',
        })
      ).structured,
    ).toMatchObject({ checks: [{ checkId: 'described', fail: 3, total: 4 }] });
  });

  it('says why when there is no team to count', async () => {
    const loner = await as('user:default/loner');
    await expect(
      loner.call('scorecards.get-team-worst-checks', {}),
    ).resolves.toMatchObject({
      isError: true,
      text: 'InputError: user:default/loner is a member of no group: name one',
    });
    const alice = await as('user:default/alice');
    await expect(
      alice.call('scorecards.get-team-worst-checks', { group: 'team-b' }),
    ).resolves.toMatchObject({
      isError: true,
      text: 'NotFoundError: No entity group:default/team-b',
    });
    await expect(
      alice.call('scorecards.get-team-worst-checks', {
        group: 'component:default/a-good',
      }),
    ).resolves.toMatchObject({
      isError: true,
      text: "InputError: 'component:default/a-good' is a component, not a group",
    });
  });

  it('lists the entities failing a check, a page at a time', async () => {
    const alice = await as('user:default/alice');
    const first = await alice.call('scorecards.list-check-entities', {
      scorecardId: 'ready',
      checkId: 'described',
      limit: 2,
    });
    // b-hidden (team-b's) is left out for alice
    expect(first.structured).toEqual({
      items: [
        {
          entityRef: 'component:default/a-bare',
          status: 'fail',
          reason: expect.any(String),
          level: 'bronze',
        },
        {
          entityRef: 'component:default/a-plain',
          status: 'fail',
          reason: expect.any(String),
          level: 'bronze',
        },
      ],
      totalItems: 3,
      nextCursor: expect.any(String),
    });
    const second = await alice.call('scorecards.list-check-entities', {
      scorecardId: 'ready',
      checkId: 'described',
      limit: 2,
      cursor: first.structured.nextCursor,
    });
    expect(second.structured.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/b-orphan',
    ]);
    expect(second.structured.nextCursor).toBeUndefined();
  });

  it('names an unknown scorecard or check, and refuses input the schema does not allow', async () => {
    const alice = await as('user:default/alice');
    await expect(
      alice.call('scorecards.list-check-entities', {
        scorecardId: 'nope',
        checkId: 'described',
      }),
    ).resolves.toMatchObject({
      isError: true,
      text: "NotFoundError: No scorecard 'nope'",
    });
    await expect(
      alice.call('scorecards.list-check-entities', {
        scorecardId: 'ready',
        checkId: 'nope',
      }),
    ).resolves.toMatchObject({
      isError: true,
      text: "NotFoundError: Scorecard 'ready' has no check 'nope'",
    });
    const bad = await alice.call('scorecards.list-check-entities', {
      scorecardId: 'ready',
      checkId: 'described',
      limit: 0,
    });
    expect(bad.isError).toBe(true);
    expect(bad.text).toMatch(
      /^InputError: Invalid input to action "scorecards:list-check-entities".*"limit"/s,
    );
  });
});
