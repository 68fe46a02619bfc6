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
import { FakeRepository, fakeGithubApp } from './__testUtils__/fakeGithubApp';

// The first-party GitHub discovery provider, configured as production
// configures it from GITHUB_DISCOVERY* and a GitHub App (GITHUB_APP_*), on a
// real catalog, scheduler and Postgres, with app-config.yaml's catalog rules.
// GitHub is msw answering with the shapes of its REST API (the App's
// installations and installation tokens, file contents) and of its GraphQL
// API (the provider's repositories query).

jest.setTimeout(240_000);

const databases = createTestDatabases();

const entityYaml = (kind: string, name: string, spec: string) =>
  `apiVersion: ${
    kind === 'Template'
      ? 'scaffolder.backstage.io/v1beta3'
      : 'backstage.io/v1alpha1'
  }\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec: ${spec}\n`;

/** The repositories of acme, with their catalog-info.yaml when they have one. */
const repositories: FakeRepository[] = [
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

const github = fakeGithubApp({ org: 'acme', repositories });
const { handlers, asked, read } = github;

const env = {
  ...github.env,
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
