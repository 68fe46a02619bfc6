import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { createRegisterNewRepositoryAction } from './registerNewRepository';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [team-a-mobile] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a-mobile }
spec: { type: team, parent: team-a, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-b }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: taken }
spec: { type: service, lifecycle: production, owner: team-b }
`;

const component = (name: string, owner: string) => `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: ${name} }
spec: { type: service, lifecycle: experimental, owner: ${owner} }
`;

/** What each repository's catalog-info.yaml on the main branch holds, as GitHub's contents API serves it. */
const repositories: Record<string, string> = {
  'refunds-api': `${component('refunds-api', 'team-a')}---
apiVersion: backstage.io/v1alpha1
kind: API
metadata: { name: refunds }
spec: { type: openapi, lifecycle: experimental, owner: group:default/team-a, definition: 'openapi: 3.0.0' }
`,
  'other-team': component('other-team-api', 'team-b'),
  'takes-over': `${component('new-one', 'team-a')}---${component(
    'taken',
    'team-a',
  )}`,
  'claims-a-group': `${component('group-claimer', 'team-a')}---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-c }
spec: { type: team, children: [] }
`,
  'by-engineer': component('by-engineer', 'team-b'),
};

/** mo is in team-a-mobile; the token lists its parent team-a, as Greenroom's sign-in puts it. */
const userInfo = mockServices.userInfo({
  userEntityRef: 'user:default/mo',
  ownershipEntityRefs: [
    'user:default/mo',
    'group:default/team-a-mobile',
    'group:default/team-a',
  ],
});

describe('greenroom:catalog:register-new-repository, on a real catalog', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'register-new-repo-'));
  const github = setupServer(
    http.get(
      'https://api.github.com/repos/northwind/:repo/contents/catalog-info.yaml',
      ({ params, request }) => {
        const body = repositories[params.repo as string];
        if (!body || new URL(request.url).searchParams.get('ref') !== 'main') {
          return HttpResponse.json({ message: 'Not Found' }, { status: 404 });
        }
        return new HttpResponse(body, {
          headers: { 'Content-Type': 'application/vnd.github.v3.raw' },
        });
      },
    ),
  );
  let catalog: CatalogService;
  let auth: AuthService;
  let stop = async () => {};
  const audited = { success: jest.fn(async () => {}), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => audited),
  });
  const config = mockServices.rootConfig({
    data: {
      greenroom: {
        publish: { target: 'github', githubOrganization: 'northwind' },
      },
      integrations: { github: [{ host: 'github.com', token: 'ghp_test' }] },
    },
  });

  /** The action as the backend wires it, with a policy that lets only `user:default/pat` register locations. */
  const action = () =>
    createRegisterNewRepositoryAction({
      config,
      catalog,
      auth,
      auditor,
      userInfo,
      permissions: mockServices.permissions.mock({
        async authorize(requests, { credentials }) {
          const ref = (credentials.principal as { userEntityRef?: string })
            .userEntityRef;
          return requests.map(() => ({
            result:
              ref === 'user:default/pat'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          }));
        },
      }),
    });

  const run = async (
    repo: string,
    initiator: BackstageCredentials = mockCredentials.user('user:default/mo'),
  ) => {
    const ctx = createMockActionContext({
      input: {
        repoContentsUrl: `https://github.com/northwind/${repo}/blob/main`,
        catalogInfoPath: '/catalog-info.yaml',
      } as any,
      user: { ref: (initiator.principal as any).userEntityRef },
    });
    // (createMockActionContext leaves its own in place when given one)
    ctx.getInitiatorCredentials = async () => initiator;
    await action().handler(ctx);
    return ctx;
  };

  const locationOf = async (repo: string) => {
    // GitHub's integration resolves the file as a tree URL, as catalog:register does
    const target = `https://github.com/northwind/${repo}/tree/main/catalog-info.yaml`;
    const locations = await catalog.getLocations(
      {},
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return locations.items.find(l => l.target === target);
  };

  beforeAll(async () => {
    github.listen({ onUnhandledRequest: 'bypass' });
    fs.writeFileSync(path.join(work, 'org.yaml'), ORG);
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        createBackendPlugin({
          pluginId: 'probe',
          register(env) {
            env.registerInit({
              deps: { catalog: catalogServiceRef, auth: coreServices.auth },
              async init(deps) {
                catalog = deps.catalog;
                auth = deps.auth;
              },
            });
          },
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            integrations: {
              github: [{ host: 'github.com', token: 'ghp_test' }],
            },
            catalog: {
              locations: [
                { type: 'file', target: path.join(work, 'org.yaml') },
              ],
              rules: [
                { allow: ['Group', 'Component', 'API', 'System', 'Location'] },
              ],
              processingInterval: { seconds: 1 },
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
    const credentials = await auth.getOwnServiceCredentials();
    await waitUntil(
      async () =>
        !!(await catalog.getEntityByRef('component:default/taken', {
          credentials,
        })),
      { timeoutMs: 60_000, what: 'the org file ingested' },
    );
  });

  afterAll(async () => {
    await stop();
    github.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("registers a member's new repository on their behalf when its entities are new and owned by a group of theirs, and audits it", async () => {
    const ctx = await run('refunds-api');

    expect(ctx.output).toHaveBeenCalledWith(
      'catalogInfoUrl',
      'https://github.com/northwind/refunds-api/tree/main/catalog-info.yaml',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/refunds-api',
    );
    expect(await locationOf('refunds-api')).toMatchObject({
      type: 'url',
      target: `https://github.com/northwind/refunds-api/tree/main/catalog-info.yaml`,
    });
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'register-new-repository',
        meta: expect.objectContaining({
          onBehalfOf: 'user:default/mo',
          entityRefs: expect.arrayContaining([
            'component:default/refunds-api',
            'api:default/refunds',
          ]),
        }),
      }),
    );
    expect(audited.success).toHaveBeenCalledTimes(1);
  });

  it.each([
    [
      'other-team',
      'component:default/other-team-api is owned by group:default/team-b, which is not one of your groups',
    ],
    ['takes-over', 'component:default/taken is already in the catalog'],
    [
      'claims-a-group',
      'group:default/team-c: a Group is registered by a platform engineer, not by a golden path',
    ],
  ])(
    'refuses %s for a member, naming the entity, and registers nothing',
    async (repo, problem) => {
      await expect(run(repo)).rejects.toThrow(
        `Not registering https://github.com/northwind/${repo}/tree/main/catalog-info.yaml: ${problem}`,
      );
      expect(await locationOf(repo)).toBeUndefined();
    },
  );

  it('refuses a file outside the configured organization before reading it', async () => {
    const ctx = createMockActionContext({
      input: {
        repoContentsUrl:
          'https://github.com/someone-else/refunds-api/blob/main',
        catalogInfoPath: '/catalog-info.yaml',
      } as any,
    });
    ctx.getInitiatorCredentials = async () =>
      mockCredentials.user('user:default/mo');
    await expect(action().handler(ctx)).rejects.toThrow(
      "https://github.com/someone-else/refunds-api/tree/main/catalog-info.yaml is not in the GitHub organization 'northwind' (greenroom.publish.githubOrganization)",
    );
  });

  it('lets someone who may register locations register as themselves, for any owner', async () => {
    auditor.createEvent.mockClear();
    await run('by-engineer', mockCredentials.user('user:default/pat'));

    expect(await locationOf('by-engineer')).toMatchObject({
      type: 'url',
      target: `https://github.com/northwind/by-engineer/tree/main/catalog-info.yaml`,
    });
    expect(auditor.createEvent).not.toHaveBeenCalled();
  });
});
