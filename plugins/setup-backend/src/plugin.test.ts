import request from 'supertest';
import {
  BackstageUserPrincipal,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { SetupStatus } from '@internal/plugin-setup-common';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { catalogProviderLogsServiceFactory } from './providerLogs/catalogProviderLogsServiceFactory';
import { setupPlugin } from './plugin';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const SECRETS = {
  githubClientSecret: 'gh-oauth-client-secret-1234',
  githubToken: 'ghp_integrationtoken5678',
  ldapBind: 'ldap-bind-password-9012',
  microsoftClientSecret: 'ms-client-secret-3456',
};

const CONFIG = {
  greenroom: {
    signIn: { providers: ['github', 'oidc'] },
  },
  auth: {
    environment: 'production',
    providers: {
      github: {
        production: {
          clientId: 'gh-client-id',
          clientSecret: SECRETS.githubClientSecret,
        },
      },
      // set up, but not on the sign-in page
      microsoft: {
        production: {
          clientId: 'ms-client-id',
          clientSecret: SECRETS.microsoftClientSecret,
          tenantId: 'acme-tenant',
        },
      },
    },
  },
  integrations: {
    github: [{ host: 'github.com', token: SECRETS.githubToken }],
  },
  catalog: {
    providers: {
      githubOrg: {
        id: 'production',
        githubUrl: 'https://github.com',
        orgs: ['acme'],
        schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      },
      ldapOrg: {
        corp: {
          target: 'ldaps://ldap.acme.test',
          bind: { dn: 'cn=reader,dc=acme', secret: SECRETS.ldapBind },
          users: [{ dn: 'ou=people,dc=acme' }],
          groups: [{ dn: 'ou=groups,dc=acme' }],
        },
      },
      github: {
        organization: 'acme',
        catalogPath: '/catalog-info.yaml',
      },
    },
  },
};

const located = (
  kind: string,
  name: string,
  location: string,
  origin = location,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    annotations: {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': origin,
    },
  },
  spec: {},
});

const REPO_FILE =
  'url:https://github.com/acme/payments/blob/main/catalog-info.yaml';
const ENTITIES = [
  located('User', 'octocat', 'url:https://github.com/octocat'),
  located('User', 'hubot', 'url:https://github.com/hubot'),
  located(
    'Group',
    'payments',
    'url:https://github.com/orgs/acme/teams/payments',
  ),
  located('User', 'bob', 'ldap://corp/uid%3Dbob%2Cou%3Dpeople'),
  located('Group', 'devs', 'ldap://corp/cn%3Ddevs%2Cou%3Dgroups'),
  // the demo company's file: no provider's
  located('User', 'guest', 'file:/demo/org.yaml'),
  // a catalog file discovery found, and two entities in it
  located('Location', 'generated-1', REPO_FILE),
  located('Component', 'payments', REPO_FILE, REPO_FILE),
  located('API', 'payments-api', REPO_FILE, REPO_FILE),
  // a User in a repository is not the GitHub org provider's
  located('User', 'in-repo', REPO_FILE, REPO_FILE),
];

/**
 * A stand-in for the catalog: its real scheduler runs the three providers'
 * tasks, which log (or throw) as the first-party providers do.
 */
const fakeCatalog = createBackendPlugin({
  pluginId: 'catalog',
  register(env) {
    env.registerInit({
      deps: { scheduler: coreServices.scheduler, logger: coreServices.logger },
      async init({ scheduler, logger }) {
        const schedule = {
          frequency: { minutes: 30 },
          timeout: { minutes: 1 },
        };
        const task = (id: string, fn: (log: typeof logger) => void) =>
          scheduler.scheduleTask({
            id,
            ...schedule,
            fn: async () =>
              fn(
                logger.child({
                  class: id.split(':')[0],
                  taskId: id,
                  taskInstanceId: `${id}-run-1`,
                }),
              ),
          });
        await task('GithubMultiOrgEntityProvider:production:refresh', log => {
          log.info('Reading GitHub users and groups');
          log.info(
            'Committed 2 GitHub users and 1 GitHub groups in 0.1 seconds.',
          );
        });
        await task('LdapOrgEntityProvider:corp:refresh', log => {
          log.info('Reading LDAP users and groups');
          // the provider catches its failure and logs it; here the message
          // even repeats the bind secret
          log.error(
            `LdapOrgEntityProvider:corp refresh failed, InvalidCredentialsError: bind refused for cn=reader,dc=acme (${SECRETS.ldapBind})`,
          );
        });
        await task('github-provider:default:refresh', () => {
          throw new Error('Bad credentials');
        });
      },
    });
  },
});

/** The policy: alice and carol (a member of an admin group) may read the setup status. */
const permissions = mockServices.permissions.mock({
  async authorize(requests, options) {
    const ref = (options.credentials.principal as BackstageUserPrincipal)
      .userEntityRef;
    return requests.map(() => ({
      result: ['user:default/alice', 'user:default/carol'].includes(ref)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
    }));
  },
});

const asUser = (ref: string) => ({
  Authorization: mockCredentials.user.header(ref),
});

describe('setup backend', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];

  const status = async (): Promise<SetupStatus> => {
    const res = await request(server)
      .get('/api/setup/status')
      .set(asUser('user:default/alice'));
    expect(res.status).toBe(200);
    return res.body;
  };
  const provider = (s: SetupStatus, type: string) =>
    s.catalogProviders.find(p => p.type === type)!;

  beforeAll(async () => {
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        setupPlugin,
        fakeCatalog,
        catalogProviderLogsServiceFactory,
        schedulerServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: CONFIG }),
        catalogServiceMock.factory({ entities: ENTITIES }),
        permissions.factory,
        // a request without a token is nobody's, as in a real backend
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    await waitUntil(
      async () =>
        (await status()).catalogProviders.every(p => p.run.lastRunEndedAt),
      { timeoutMs: 30_000, what: 'every provider task to have run once' },
    );
  });

  it('refuses a caller who is not signed in with 401', async () => {
    const res = await request(server).get('/api/setup/status');
    expect(res.status).toBe(401);
  });

  it('refuses a user who is not an admin, and services, with 403', async () => {
    const user = await request(server)
      .get('/api/setup/status')
      .set(asUser('user:default/bob'));
    expect(user.status).toBe(403);
    expect(user.body.error.name).toBe('NotAllowedError');

    const service = await request(server)
      .get('/api/setup/status')
      .set('Authorization', mockCredentials.service.header());
    expect(service.status).toBe(403);
  });

  it('answers a member of an admin group', async () => {
    const res = await request(server)
      .get('/api/setup/status')
      .set(asUser('user:default/carol'));
    expect(res.status).toBe(200);
    expect(res.body.signIn.environment).toBe('production');
  });

  it('lists the sign-in providers of the environment and whether the page offers them', async () => {
    expect((await status()).signIn.providers).toEqual([
      { id: 'github', configured: true, offered: true },
      {
        id: 'microsoft',
        configured: true,
        offered: false,
        target: 'acme-tenant',
      },
      { id: 'oidc', configured: false, offered: true },
    ]);
  });

  it('lists the integrations with how they authenticate', async () => {
    expect((await status()).integrations).toEqual([
      { type: 'github', host: 'github.com', auth: 'token' },
    ]);
  });

  it("counts each provider's entities by their locations", async () => {
    const s = await status();
    expect(provider(s, 'githubOrg').counts).toEqual({ users: 2, groups: 1 });
    expect(provider(s, 'ldapOrg').counts).toEqual({ users: 1, groups: 1 });
    expect(provider(s, 'github').counts).toEqual({ locations: 1, entities: 3 });
  });

  it("shows each provider's last run: its summary line, and the error it logged or threw", async () => {
    const s = await status();
    expect(provider(s, 'githubOrg')).toMatchObject({
      id: 'production',
      target: 'https://github.com/acme',
      taskId: 'GithubMultiOrgEntityProvider:production:refresh',
      run: {
        status: 'idle',
        summary: {
          message:
            'Committed 2 GitHub users and 1 GitHub groups in 0.1 seconds.',
        },
      },
    });
    expect(provider(s, 'githubOrg').run.lastError).toBeUndefined();
    expect(provider(s, 'githubOrg').run.nextRunAt).toEqual(expect.any(String));

    expect(provider(s, 'ldapOrg').run.lastError?.message).toMatch(
      /^LdapOrgEntityProvider:corp refresh failed, InvalidCredentialsError: bind refused/,
    );
    expect(provider(s, 'github').run.lastError?.message).toBe(
      'Error: Bad credentials',
    );
  });

  it('never answers with a configured secret', async () => {
    const body = JSON.stringify(await status());
    for (const secret of Object.values(SECRETS)) {
      expect(body).not.toContain(secret);
    }
    // the LDAP error line is kept, with the secret taken out
    expect(body).toContain('bind refused for cn=reader,dc=acme (***)');
  });

  it('names the variables of a provider the sign-in page offers but nothing configures', async () => {
    expect((await status()).missing).toEqual([
      {
        area: 'signIn',
        title: expect.stringMatching(/^The sign-in page offers OpenID Connect/),
        choices: [
          expect.objectContaining({
            variables: [
              'AUTH_OIDC_METADATA_URL',
              'AUTH_OIDC_CLIENT_ID',
              'AUTH_OIDC_CLIENT_SECRET',
            ],
          }),
        ],
        doc: 'README.md#production',
      },
    ]);
  });
});

describe('setup backend with nothing set up', () => {
  it('names the variables of sign-in, org and discovery providers', async () => {
    const { server } = await startTestBackend({
      features: [
        setupPlugin,
        mockServices.rootConfig.factory({ data: {} }),
        mockServices.permissions.factory(),
        catalogServiceMock.factory({ entities: [] }),
      ],
    });
    const res = await request(server)
      .get('/api/setup/status')
      .set(asUser('user:default/alice'));
    expect(res.status).toBe(200);
    const missing = res.body.missing as SetupStatus['missing'];
    const variables = (area: string) =>
      missing
        .filter(m => m.area === area)
        .flatMap(m => m.choices.flatMap(c => c.variables));

    expect(variables('signIn')).toEqual(
      expect.arrayContaining([
        'AUTH_OIDC_METADATA_URL',
        'AUTH_GITHUB_CLIENT_ID',
        'AUTH_MICROSOFT_TENANT_ID',
        'AUTH_GITLAB_CLIENT_ID',
      ]),
    );
    expect(variables('org')).toEqual(
      expect.arrayContaining(['GITHUB_ORG', 'LDAP_URL', 'MSGRAPH_TENANT_ID']),
    );
    expect(variables('discovery')).toEqual(['GITHUB_DISCOVERY', 'GITHUB_ORG']);
    expect(res.body.catalogProviders).toEqual([]);
  });
});
