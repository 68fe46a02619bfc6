import { graphql, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import catalogModuleGithubOrg from '@backstage/plugin-catalog-backend-module-github-org';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { orgConfigFromEnv } from '../../config/orgFromEnv';
import {
  CatalogTestBackend,
  relations,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';

// The first-party GitHub org provider, configured as production configures
// it from GITHUB_ORG and GITHUB_TOKEN, on a real catalog, scheduler and
// Postgres. GitHub is msw answering with the shapes of its GraphQL API for
// the provider's own queries (users, teams, members).

jest.setTimeout(180_000);

const databases = createTestDatabases();

const token = 'ghp_greenroomtest';
const github = graphql.link('https://api.github.com/graphql');

const user = (login: string, fields: Record<string, unknown>) => ({
  avatarUrl: `https://avatars.githubusercontent.com/${login}?v=4`,
  bio: null,
  email: '',
  id: Buffer.from(`04:User${login.length}`).toString('base64'),
  login,
  name: null,
  organizationVerifiedDomainEmails: [],
  ...fields,
});
const alice = user('alice', {
  name: 'Alice Martin',
  bio: 'Payments lead',
  email: 'alice@users.example.com',
  organizationVerifiedDomainEmails: ['alice@acme.example'],
});
const bob = user('bob', {});
const carol = user('carol', { name: 'Carol Ng', email: 'carol@acme.example' });

const team = (
  slug: string,
  parent: string | null,
  members: unknown[],
  hasNextPage = false,
) => ({
  slug,
  combinedSlug: `acme/${slug}`,
  name: slug[0].toUpperCase() + slug.slice(1),
  description: `The ${slug} team`,
  avatarUrl: null,
  editTeamUrl: `https://github.com/orgs/acme/teams/${slug}/edit`,
  parentTeam: parent ? { slug: parent } : null,
  members: { pageInfo: { hasNextPage }, nodes: members },
});

const asked: Array<{ operation: string; variables: Record<string, unknown> }> =
  [];
const authorized = (request: Request) =>
  request.headers.get('authorization')?.endsWith(token);
// GitHub's 401, not a GraphQL response
const unauthorized = () =>
  new Response(
    JSON.stringify({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/graphql',
    }),
    { status: 401, headers: { 'content-type': 'application/json' } },
  );

const handlers = [
  github.query('users', ({ request, variables }) => {
    asked.push({ operation: 'users', variables });
    if (!authorized(request)) return unauthorized();
    return HttpResponse.json({
      data: {
        organization: {
          membersWithRole: {
            pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjM=' },
            nodes: [alice, bob, carol],
          },
        },
      },
    });
  }),
  github.query('teams', ({ request, variables }) => {
    asked.push({ operation: 'teams', variables });
    if (!authorized(request)) return unauthorized();
    return HttpResponse.json({
      data: {
        organization: {
          teams: {
            pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjM=' },
            nodes: [
              team('engineering', null, []),
              team('payments', 'engineering', [alice, bob]),
              // more members than one page: the provider pages through them
              team('platform', 'engineering', [carol], true),
            ],
          },
        },
      },
    });
  }),
  github.query('members', ({ request, variables }) => {
    asked.push({ operation: 'members', variables });
    if (!authorized(request)) return unauthorized();
    const second = variables.cursor === 'platform-1';
    return HttpResponse.json({
      data: {
        organization: {
          team: {
            members: {
              pageInfo: {
                hasNextPage: !second,
                endCursor: second ? 'platform-2' : 'platform-1',
              },
              nodes: second ? [{ login: 'alice' }] : [{ login: 'carol' }],
            },
          },
        },
      },
    });
  }),
];

describe('GitHub org people and teams', () => {
  const server = setupServer(...handlers);
  let backend: CatalogTestBackend;
  const entity = (ref: string) => backend.get(`/entities/by-name/${ref}`);

  beforeAll(async () => {
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    });
    const { config, errors } = orgConfigFromEnv({
      GITHUB_ORG: 'acme',
      GITHUB_TOKEN: token,
    });
    if (errors.length) throw new Error(errors.join('\n'));
    backend = await startCatalogTestBackend({
      config,
      features: [catalogModuleGithubOrg],
      databases,
    });
    // the first scheduled run, 10 s after start
    // every entity the tests read, stitched with every relation they read:
    // the catalog stitches each entity on its own, in no fixed order
    const stitched = async () => {
      const users = await Promise.all(
        ['alice', 'bob', 'carol'].map(name => entity(`user/default/${name}`)),
      );
      const [engineering, payments, platform] = await Promise.all(
        ['engineering', 'payments', 'platform'].map(name =>
          entity(`group/default/${name}`),
        ),
      );
      return (
        users.every(Boolean) &&
        relations(users[0], 'memberOf').length === 2 &&
        relations(engineering, 'parentOf').length === 2 &&
        relations(payments, 'childOf').length === 1 &&
        relations(payments, 'hasMember').length === 2 &&
        relations(platform, 'hasMember').length === 2
      );
    };
    await waitUntil(stitched, {
      timeoutMs: 120_000,
      what: () =>
        `the GitHub org in the catalog; logs:\n${backend.logs.join('\n')}`,
    });
  });

  afterAll(async () => {
    await backend?.stop();
    server.close();
  });

  it('asks GitHub for the members and teams of GITHUB_ORG, with the token', () => {
    expect(asked.map(a => a.operation)).toEqual([
      'users',
      'teams',
      'members',
      'members',
    ]);
    expect(asked[0].variables).toMatchObject({ org: 'acme', email: true });
    expect(asked[2].variables).toMatchObject({
      org: 'acme',
      teamSlug: 'platform',
    });
  });

  it("brings in each member with the org's verified email, else the public one", async () => {
    const a = await entity('user/default/alice');
    expect(a.metadata.description).toBe('Payments lead');
    expect(a.spec.profile).toEqual({
      displayName: 'Alice Martin',
      email: 'alice@acme.example',
      picture: 'https://avatars.githubusercontent.com/alice?v=4',
    });
    expect((await entity('user/default/carol')).spec.profile.email).toBe(
      'carol@acme.example',
    );
    expect((await entity('user/default/bob')).spec.profile.email).toBe(
      undefined,
    );
  });

  it('brings in the teams with their hierarchy and memberships, every page of members', async () => {
    const engineering = await entity('group/default/engineering');
    expect(engineering.spec.type).toBe('team');
    expect(relations(engineering, 'parentOf')).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
    const payments = await entity('group/default/payments');
    expect(relations(payments, 'childOf')).toEqual([
      'group:default/engineering',
    ]);
    expect(relations(payments, 'hasMember')).toEqual([
      'user:default/alice',
      'user:default/bob',
    ]);
    expect(
      relations(await entity('group/default/platform'), 'hasMember'),
    ).toEqual(['user:default/alice', 'user:default/carol']);
    expect(relations(await entity('user/default/alice'), 'memberOf')).toEqual([
      'group:default/payments',
      'group:default/platform',
    ]);
  });

  it('logs the run with its counts', () => {
    expect(backend.logs).toContainEqual(
      expect.stringMatching(
        /^info Read 3 GitHub users and 3 GitHub groups in [\d.]+ seconds\. Committing\.\.\./,
      ),
    );
  });

  it('logs why a token lacking a scope fails, keeps what it read before, and the catalog keeps serving', async () => {
    // GitHub's answer (HTTP 200) to a token without read:org
    const insufficientScopes = {
      type: 'INSUFFICIENT_SCOPES',
      locations: [{ line: 4, column: 9 }],
      message:
        "Your token has not been granted the required scopes to execute this query. The 'membersWithRole' field requires one of the following scopes: ['read:org'], but your token has only been granted the: ['repo'] scopes. Please modify your token's scopes at: https://github.com/settings/tokens.",
    };
    server.use(
      github.query('users', () =>
        HttpResponse.json({ errors: [insufficientScopes] }),
      ),
    );
    const failed = () =>
      backend.logs.find(line =>
        line.startsWith(
          'error GithubMultiOrgEntityProvider:default refresh failed',
        ),
      );
    await backend.triggerTask('GithubMultiOrgEntityProvider:default:refresh');
    await waitUntil(async () => failed() !== undefined, {
      timeoutMs: 60_000,
      what: () => `the failed run; logs:\n${backend.logs.join('\n')}`,
    });
    expect(failed()).toContain(
      "The 'membersWithRole' field requires one of the following scopes: ['read:org']",
    );
    expect(await backend.serves()).toBe(200);
    expect((await entity('user/default/alice')).spec.profile.email).toBe(
      'alice@acme.example',
    );
  });
});
