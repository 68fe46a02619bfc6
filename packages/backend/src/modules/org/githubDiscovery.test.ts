import crypto from 'node:crypto';
import { graphql, http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import catalogModuleGithub from '@backstage/plugin-catalog-backend-module-github';
import catalogModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import path from 'node:path';
import { JsonObject } from '@backstage/config';
import { ConfigSources, FileConfigSource } from '@backstage/config-loader';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { discoveryConfigFromEnv } from '../../config/discoveryFromEnv';
import { orgConfigFromEnv } from '../../config/orgFromEnv';
import {
  CatalogTestBackend,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';

// The first-party GitHub discovery provider, configured as production
// configures it from GITHUB_DISCOVERY* and a GitHub App (GITHUB_APP_*), on a
// real catalog, scheduler and Postgres, with app-config.yaml's catalog rules.
// GitHub is msw answering with the shapes of its REST API (the App's
// installations and installation tokens, file contents) and of its GraphQL
// API (the provider's repositories query).

jest.setTimeout(240_000);

const databases = createTestDatabases();

const appId = 123456;
const installationToken = 'ghs_greenroominstallation';
const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
  modulusLength: 2048,
  // as GitHub hands it out: "BEGIN RSA PRIVATE KEY"
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});

const entityYaml = (kind: string, name: string, spec: string) =>
  `apiVersion: ${
    kind === 'Template'
      ? 'scaffolder.backstage.io/v1beta3'
      : 'backstage.io/v1alpha1'
  }\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec: ${spec}\n`;

/** The repositories of acme, with their catalog-info.yaml when they have one. */
const repositories: Array<{
  name: string;
  file?: string;
  isArchived?: boolean;
}> = [
  {
    name: 'payments-api',
    file: entityYaml(
      'Component',
      'payments-api',
      '{ type: service, lifecycle: production, owner: team-payments }',
    ),
  },
  {
    name: 'golden-paths',
    file: entityYaml(
      'Template',
      'repo-template',
      '{ type: service, steps: [{ id: log, action: debug:log, input: { message: hi } }] }',
    ),
  },
  {
    name: 'people',
    file: entityYaml('Group', 'repo-admins', '{ type: team, children: [] }'),
  },
  { name: 'staff', file: entityYaml('User', 'repo-user', '{ memberOf: [] }') },
  { name: 'payments-web' },
  {
    name: 'sandbox-demo',
    file: entityYaml(
      'Component',
      'sandbox-demo',
      '{ type: service, lifecycle: experimental, owner: team-payments }',
    ),
  },
  {
    name: 'old-billing',
    isArchived: true,
    file: entityYaml(
      'Component',
      'old-billing',
      '{ type: service, lifecycle: deprecated, owner: team-payments }',
    ),
  },
];

/** Whether a request carries a JWT of the App, signed with its private key. */
function signedByApp(request: Request): boolean {
  const jwt = request.headers.get('authorization')?.replace(/^bearer /i, '');
  const [header, payload, signature] = jwt?.split('.') ?? [];
  if (!signature) {
    return false;
  }
  const signed = crypto.verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    publicKey,
    Buffer.from(signature, 'base64url'),
  );
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return signed && String(claims.iss) === String(appId);
}
const withInstallationToken = (request: Request) =>
  request.headers.get('authorization')?.endsWith(installationToken);
// GitHub's 401, for REST and GraphQL alike
const badCredentials = () =>
  new Response(
    JSON.stringify({
      message: 'Bad credentials',
      documentation_url: 'https://docs.github.com/rest',
    }),
    { status: 401, headers: { 'content-type': 'application/json' } },
  );

const asked: Array<Record<string, unknown>> = [];
const read: string[] = [];

const handlers = [
  http.get('https://api.github.com/app/installations', ({ request }) =>
    signedByApp(request)
      ? HttpResponse.json([
          {
            id: 4242,
            app_id: appId,
            account: { login: 'acme', type: 'Organization' },
            target_type: 'Organization',
            repository_selection: 'all',
            suspended_by: null,
            suspended_at: null,
          },
        ])
      : badCredentials(),
  ),
  http.post(
    'https://api.github.com/app/installations/4242/access_tokens',
    ({ request }) =>
      signedByApp(request)
        ? HttpResponse.json(
            {
              token: installationToken,
              expires_at: new Date(Date.now() + 3600_000).toISOString(),
              permissions: { contents: 'read', metadata: 'read' },
              repository_selection: 'all',
            },
            { status: 201 },
          )
        : badCredentials(),
  ),
  graphql
    .link('https://api.github.com/graphql')
    .query('repositories', ({ request, variables }) => {
      asked.push(variables);
      if (!withInstallationToken(request)) return badCredentials();
      return HttpResponse.json({
        data: {
          repositoryOwner: {
            login: 'acme',
            repositories: {
              nodes: repositories.map(repository => ({
                name: repository.name,
                catalogInfoFile: repository.file
                  ? {
                      __typename: 'Blob',
                      id: `blob-${repository.name}`,
                      text: repository.file,
                    }
                  : null,
                url: `https://github.com/acme/${repository.name}`,
                isArchived: repository.isArchived ?? false,
                isFork: false,
                visibility: 'PRIVATE',
                repositoryTopics: { nodes: [] },
                defaultBranchRef: { name: 'main' },
              })),
              pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjc=' },
            },
          },
        },
      });
    }),
  http.get(
    'https://api.github.com/repos/acme/:repo/contents/catalog-info.yaml',
    ({ request, params }) => {
      if (!withInstallationToken(request)) return badCredentials();
      const url = new URL(request.url);
      read.push(`${params.repo}@${url.searchParams.get('ref')}`);
      const file = repositories.find(r => r.name === params.repo)?.file;
      return file
        ? new HttpResponse(file, { headers: { 'content-type': 'text/plain' } })
        : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
    },
  ),
];

const env = {
  GITHUB_ORG: 'acme',
  GITHUB_APP_ID: String(appId),
  GITHUB_APP_CLIENT_ID: 'Iv1.greenroom',
  GITHUB_APP_CLIENT_SECRET: 'app-client-secret',
  // as a single-line environment variable
  GITHUB_APP_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
  GITHUB_DISCOVERY: 'true',
  GITHUB_DISCOVERY_BRANCH: 'main',
  GITHUB_DISCOVERY_REPO_FILTER: '(?!sandbox-).*',
};

/** app-config.yaml's catalog.rules, which production keeps. */
async function appConfigCatalogRules(): Promise<JsonObject[]> {
  const config = await ConfigSources.toConfig(
    FileConfigSource.create({
      path: path.resolve(__dirname, '../../../../../app-config.yaml'),
      watch: false,
      substitutionFunc: async () => 'unset',
    }),
  );
  return config.get<JsonObject[]>('catalog.rules');
}

/**
 * What production has: the integration, discovery, and the environment's
 * rules before app-config.yaml's (as rootConfigWithEnvironment puts them).
 */
async function productionConfig(extra: NodeJS.ProcessEnv): Promise<JsonObject> {
  const org = orgConfigFromEnv({ ...env, ...extra });
  const discovery = discoveryConfigFromEnv({ ...env, ...extra });
  const errors = [...org.errors, ...discovery.errors];
  if (errors.length) throw new Error(errors.join('\n'));
  const catalog = discovery.config.catalog as JsonObject;
  return {
    integrations: org.config.integrations!,
    catalog: {
      ...catalog,
      rules: [
        ...((catalog.rules ?? []) as JsonObject[]),
        ...(await appConfigCatalogRules()),
      ],
    },
  };
}

const refusal = (backend: CatalogTestBackend, ref: string) =>
  backend.logs.find(
    line =>
      line.includes(`Entity ${ref} at url:https://github.com/acme/`) &&
      line.includes('is not of an allowed kind for that location'),
  );

describe('GitHub discovery of catalog-info.yaml files, with a GitHub App', () => {
  const server = setupServer(...handlers);

  beforeAll(() => {
    server.listen({
      onUnhandledRequest: (request, print) => {
        if (new URL(request.url).hostname !== '127.0.0.1') print.error();
      },
    });
  });

  afterAll(() => server.close());

  describe("with app-config.yaml's rules", () => {
    let backend: CatalogTestBackend;
    const entity = (ref: string) => backend.get(`/entities/by-name/${ref}`);

    beforeAll(async () => {
      backend = await startCatalogTestBackend({
        config: await productionConfig({}),
        features: [
          catalogModuleGithub,
          catalogModuleScaffolderEntityModel,
          // logs processing errors, the refusals among them, as production does
          catalogModuleLogs,
        ],
        databases,
      });
      // the first scheduled run, 10 s after start, then the catalog reading the files
      await waitUntil(
        async () =>
          (await entity('component/default/payments-api')) !== undefined &&
          [
            'template:default/repo-template',
            'group:default/repo-admins',
            'user:default/repo-user',
          ].every(ref => refusal(backend, ref)),
        {
          timeoutMs: 120_000,
          what: () =>
            `the discovered component and three refusals; logs:\n${backend.logs.join(
              '\n',
            )}`,
        },
      );
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('asks for the files on GITHUB_DISCOVERY_BRANCH, with an installation token of the App', () => {
      expect(asked[0]).toMatchObject({
        org: 'acme',
        catalogPathRef: 'main:catalog-info.yaml',
      });
      expect(read).toContain('payments-api@main');
    });

    it('brings in the software of the matching repositories that have the file', async () => {
      const component = await entity('component/default/payments-api');
      expect(
        component.metadata.annotations[
          'backstage.io/managed-by-origin-location'
        ],
      ).toBe(
        'url:https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
      );
      // one Location per matching repository with the file: the others are never read
      expect([...new Set(read)].sort()).toEqual([
        'golden-paths@main',
        'payments-api@main',
        'people@main',
        'staff@main',
      ]);
      // no file, filtered out by GITHUB_DISCOVERY_REPO_FILTER, archived
      expect(await entity('component/default/sandbox-demo')).toBe(undefined);
      expect(await entity('component/default/old-billing')).toBe(undefined);
    });

    it('keeps Templates, Groups and Users out, naming each refused entity and its file', async () => {
      for (const ref of [
        'template/default/repo-template',
        'group/default/repo-admins',
        'user/default/repo-user',
      ]) {
        expect(await entity(ref)).toBe(undefined);
      }
      expect(refusal(backend, 'template:default/repo-template')).toContain(
        'Entity template:default/repo-template at url:https://github.com/acme/golden-paths/blob/main/catalog-info.yaml, originated at url:https://github.com/acme/golden-paths/blob/main/catalog-info.yaml, is not of an allowed kind for that location',
      );
    });

    it('logs the run with its counts', () => {
      expect(backend.logs).toContainEqual(
        expect.stringMatching(
          /^info Read 6 GitHub repositories \(4 matching the pattern\) .*"taskId":"github-provider:default:refresh"/,
        ),
      );
    });
  });

  describe('with GITHUB_DISCOVERY_ALLOW_KINDS=Template', () => {
    let backend: CatalogTestBackend;
    const entity = (ref: string) => backend.get(`/entities/by-name/${ref}`);

    beforeAll(async () => {
      backend = await startCatalogTestBackend({
        config: await productionConfig({
          GITHUB_DISCOVERY_ALLOW_KINDS: 'Template',
        }),
        features: [
          catalogModuleGithub,
          catalogModuleScaffolderEntityModel,
          // logs processing errors, the refusals among them, as production does
          catalogModuleLogs,
        ],
        databases,
      });
      // each entity the test reads, and the refusal it relies on: the
      // repositories' files are processed in no fixed order
      await waitUntil(
        async () =>
          (await entity('template/default/repo-template')) !== undefined &&
          (await entity('component/default/payments-api')) !== undefined &&
          ['group:default/repo-admins', 'user:default/repo-user'].every(ref =>
            refusal(backend, ref),
          ),
        {
          timeoutMs: 120_000,
          what: () =>
            `the discovered template and component; logs:\n${backend.logs.join(
              '\n',
            )}`,
        },
      );
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('takes the Templates of the repositories, and still no Group or User', async () => {
      const template = await entity('template/default/repo-template');
      expect(template.spec.type).toBe('service');
      expect((await entity('component/default/payments-api')).spec.owner).toBe(
        'team-payments',
      );
      expect(await entity('group/default/repo-admins')).toBe(undefined);
      expect(await entity('user/default/repo-user')).toBe(undefined);
    });
  });
});
