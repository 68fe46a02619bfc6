import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import git from 'isomorphic-git';
import knexFactory from 'knex';
import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { databaseServiceFactory } from '@backstage/backend-defaults/database';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceFactory } from '@backstage/plugin-events-node';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import catalogModuleLocalRepositories from '@internal/plugin-catalog-backend-module-local-repositories';
import { createLocalRepository } from '@internal/plugin-local-repositories-node';
import { connectMcp, McpTestClient, waitUntil } from '@internal/test-utils';
import mcpActionsPlugin from '@backstage/plugin-mcp-actions-backend';
import { AddressInfo } from 'node:net';
import scorecardsPlugin from '@internal/plugin-scorecards-backend';
import techdocsModuleNodeGenerator from '@internal/plugin-techdocs-backend-module-node-generator';
import { scaffolderModuleGoldenPaths } from './module';

jest.setTimeout(180_000);

const repoRoot = path.resolve(__dirname, '../../..');
const connection = Object.entries(process.env).find(([name]) =>
  /^BACKSTAGE_TEST_DATABASE_POSTGRES\d+_CONNECTION_STRING$/.test(name),
)?.[1];
if (!connection) {
  throw new Error(
    'No test Postgres: run the tests through ./greenroom test (scripts/with-test-postgres.js provides one)',
  );
}
// Dropped before the run rather than after it: the stopped backend's last
// background queries may still be on their way.
const prefix = 'greenroom_test_golden_paths_';

const ORG = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-a }
spec: { type: team, children: [], members: [ann] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ann }
spec: { memberOf: [team-a] }
---
apiVersion: backstage.io/v1alpha1
kind: System
metadata: { name: shop }
spec: { owner: team-a }
`;

describe('the golden-path templates, end to end', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'golden-paths-'));
  const repositories = path.join(work, 'repositories');
  let server: any;
  let stop: () => Promise<void>;
  let mcpUrl: string;
  let agent: McpTestClient | undefined;
  const get = (url: string) =>
    request(server)
      .get(url)
      .set('Authorization', mockCredentials.user.header());

  beforeAll(async () => {
    const admin = knexFactory({ client: 'pg', connection });
    const { rows } = await admin.raw(
      'SELECT datname FROM pg_database WHERE starts_with(datname, ?)',
      [prefix],
    );
    for (const { datname } of rows) {
      await admin.raw(`DROP DATABASE "${datname}" WITH (FORCE)`);
    }
    await admin.destroy();
    fs.writeFileSync(path.join(work, 'org.yaml'), ORG);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleLocalRepositories,
        scaffolderPlugin,
        scaffolderModuleGoldenPaths,
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        scorecardsPlugin,
        mcpActionsPlugin,
        databaseServiceFactory,
        // the real events service: plugins hear each other (the test mock is per plugin)
        eventsServiceFactory,
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              database: { client: 'pg', connection, prefix },
              actions: { pluginSources: ['scaffolder'] },
            },
            greenroom: {
              publish: { target: 'local', localRepositories: repositories },
            },
            catalog: {
              rules: [
                {
                  allow: [
                    'Component',
                    'System',
                    'Group',
                    'User',
                    'Location',
                    'Template',
                  ],
                },
              ],
              locations: [
                { type: 'file', target: path.join(work, 'org.yaml') },
                {
                  type: 'file',
                  target: path.join(repoRoot, 'templates/catalog-info.yaml'),
                },
              ],
            },
            techdocs: {
              builder: 'local',
              publisher: {
                type: 'local',
                local: { publishDirectory: path.join(work, 'techdocs') },
              },
            },
            scorecards: { definitions: [path.join(repoRoot, 'scorecards')] },
          },
        }),
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    const { port } = backend.server.address() as AddressInfo;
    mcpUrl = `http://localhost:${port}/api/mcp-actions/v1`;
    await waitUntil(
      async () =>
        (
          await get(
            '/api/catalog/entities/by-name/template/default/register-existing-repository',
          )
        ).status === 200 &&
        (
          await get('/api/catalog/entities/by-name/group/default/team-a')
        ).status === 200,
      {
        timeoutMs: 60_000,
        what: 'the register-existing-repository template and group team-a in the catalog',
      },
    );
  });

  afterAll(async () => {
    await agent?.close();
    await stop?.();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Runs a template to its end; returns its status and step log. */
  async function run(template: string, values: object) {
    const created = await request(server)
      .post('/api/scaffolder/v2/tasks')
      .set('Authorization', mockCredentials.user.header())
      .send({ templateRef: `template:default/${template}`, values });
    expect(created.status).toBe(201);
    const id = created.body.id;
    let task: any;
    await waitUntil(
      async () => {
        task = (await get(`/api/scaffolder/v2/tasks/${id}`)).body;
        return ['completed', 'failed', 'cancelled'].includes(task.status);
      },
      { timeoutMs: 90_000, what: () => `task ${id} to end (${task?.status})` },
    );
    const events = (await get(`/api/scaffolder/v2/tasks/${id}/events`)).body;
    const log = events
      .map((e: any) => e.body?.message)
      .filter(Boolean)
      .join('\n');
    return { status: task.status as string, log, output: task.output };
  }

  const service = {
    owner: 'group:default/team-a',
    system: 'system:default/shop',
    description: 'Issues refunds for returned orders, for the support team.',
  };

  it('creates a Node.js service: a git repository with working code and tests, in the catalog with its docs, at silver or better', async () => {
    const started = Date.now();
    const { status, log } = await run('node-service', {
      ...service,
      name: 'refunds-api',
    });
    expect(log).not.toMatch(/error/i);
    expect(status).toBe('completed');

    const repo = path.join(repositories, 'refunds-api');
    const commits = await git.log({ fs, dir: repo });
    expect(commits.map(c => c.commit.message.trim())).toEqual([
      'Create refunds-api from the Node.js service golden path',
    ]);
    const files = (await git.listFiles({ fs, dir: repo })).sort();
    expect(files).toEqual([
      '.github/workflows/ci.yml',
      '.gitignore',
      'CODEOWNERS',
      'Dockerfile',
      'README.md',
      'catalog-info.yaml',
      'docs/architecture.md',
      'docs/index.md',
      'docs/runbook.md',
      'mkdocs.yml',
      'package.json',
      'src/app.test.ts',
      'src/app.ts',
      'src/main.ts',
    ]);
    expect(fs.readFileSync(path.join(repo, 'CODEOWNERS'), 'utf8')).toBe(
      '* @team-a\n',
    );
    // its own tests pass, run as its package.json says (`npm test`)
    const script = JSON.parse(
      fs.readFileSync(path.join(repo, 'package.json'), 'utf8'),
    ).scripts.test as string;
    expect(script).toBe('node --test "src/**/*.test.ts"');
    const testRun = execFileSync(
      process.execPath,
      ['--test', 'src/**/*.test.ts'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(testRun).toMatch(/pass 3\n/);
    expect(testRun).toMatch(/fail 0\n/);

    const entity = (
      await get('/api/catalog/entities/by-name/component/default/refunds-api')
    ).body;
    expect(entity.spec).toMatchObject({
      type: 'service',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      lifecycle: 'experimental',
    });
    expect(entity.metadata.annotations['backstage.io/techdocs-ref']).toBe(
      'dir:.',
    );
    expect(log).toMatch(/Its docs are built/);
    expect(
      fs.existsSync(
        path.join(
          work,
          'techdocs/default/component/refunds-api/runbook/index.html',
        ),
      ),
    ).toBe(true);

    const scores = (
      await get('/api/scorecards/entities/default/component/refunds-api')
    ).body;
    const levels = Object.fromEntries(
      scores.results.map((r: any) => [r.scorecardId, r.levelIndex]),
    );
    expect(levels['production-readiness']).toBeGreaterThanOrEqual(1);
    expect(levels.documentation).toBeGreaterThanOrEqual(1);
    expect(levels.ownership).toBeGreaterThanOrEqual(1);
    expect(log).toMatch(/Scorecards: .*Production readiness silver/);
    // (measured for real in bench/templates; here only a generous bound)
    expect(Date.now() - started).toBeLessThan(60_000);
  });

  it('refuses a name already taken, an unknown owner, and an existing repository, leaving nothing behind', async () => {
    const taken = await run('node-service', {
      ...service,
      name: 'refunds-api',
    });
    expect(taken.status).toBe('failed');
    expect(taken.log).toContain(
      "The name 'refunds-api' is already taken in the catalog by component:default/refunds-api: choose another",
    );

    const nobody = await run('node-service', {
      ...service,
      name: 'orphan-api',
      owner: 'group:default/no-such-team',
    });
    expect(nobody.status).toBe('failed');
    expect(nobody.log).toContain(
      "The owner 'group:default/no-such-team' is not a group in the catalog",
    );
    expect(fs.existsSync(path.join(repositories, 'orphan-api'))).toBe(false);

    // a repository of that name exists, though no entity does
    fs.mkdirSync(path.join(repositories, 'already-here'));
    const exists = await run('node-service', {
      ...service,
      name: 'already-here',
    });
    expect(exists.status).toBe('failed');
    expect(exists.log).toContain("Repository 'already-here' already exists");
    expect(fs.readdirSync(path.join(repositories, 'already-here'))).toEqual([]);
    expect(
      (
        await get(
          '/api/catalog/entities/by-name/component/default/already-here',
        )
      ).status,
    ).toBe(404);
    expect(
      fs.readdirSync(repositories).filter(f => f.startsWith('.creating')),
    ).toEqual([]);
  });

  it('creates a React web app and a documentation site', async () => {
    const web = await run('react-web-app', {
      ...service,
      name: 'returns-portal',
    });
    expect(web.status).toBe('completed');
    const webFiles = await git.listFiles({
      fs,
      dir: path.join(repositories, 'returns-portal'),
    });
    expect(webFiles).toEqual(
      expect.arrayContaining([
        'src/App.tsx',
        'src/App.test.tsx',
        'vite.config.ts',
        '.github/workflows/ci.yml',
        'mkdocs.yml',
      ]),
    );
    expect(
      (
        await get(
          '/api/catalog/entities/by-name/component/default/returns-portal',
        )
      ).body.spec.type,
    ).toBe('website');

    const docs = await run('docs-site', {
      ...service,
      name: 'refunds-handbook',
    });
    expect(docs.status).toBe('completed');
    expect(docs.log).toMatch(/Its docs are built/);
    expect(
      (
        await get(
          '/api/catalog/entities/by-name/component/default/refunds-handbook',
        )
      ).body.spec.type,
    ).toBe('documentation');
  });

  it('registers an existing repository by committing a catalog-info.yaml to it', async () => {
    const source = fs.mkdtempSync(path.join(work, 'legacy-'));
    fs.writeFileSync(path.join(source, 'README.md'), '# Legacy billing\n');
    await createLocalRepository({
      root: repositories,
      name: 'legacy-billing',
      sourceDir: source,
      message: 'Long ago',
      author: { name: 'Someone', email: 'someone@example.com' },
    });
    const { status, log } = await run('register-existing-repository', {
      repository: 'legacy-billing',
      name: 'legacy-billing',
      type: 'service',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      description:
        'Bills customers monthly; being replaced by the payments service.',
      hasDocs: false,
    });
    expect(log).not.toMatch(/error/i);
    expect(status).toBe('completed');
    const commits = await git.log({
      fs,
      dir: path.join(repositories, 'legacy-billing'),
    });
    expect(commits.map(c => c.commit.message.trim())).toEqual([
      'Register legacy-billing in the catalog',
      'Long ago',
    ]);
    expect(
      (
        await get(
          '/api/catalog/entities/by-name/component/default/legacy-billing',
        )
      ).body.spec.owner,
    ).toBe('group:default/team-a');

    // a second registration changes nothing
    const again = await run('register-existing-repository', {
      repository: 'legacy-billing',
      name: 'legacy-billing-two',
      type: 'service',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      description:
        'Bills customers monthly; being replaced by the payments service.',
    });
    expect(again.status).toBe('failed');
    expect(again.log).toContain(
      "Repository 'legacy-billing' already has catalog-info.yaml",
    );
  });
  describe('through MCP, as an agent', () => {
    beforeAll(async () => {
      agent = await connectMcp(mcpUrl, mockCredentials.user.header());
    });

    it('lists the golden paths with their parameters as plain JSON schemas', async () => {
      expect(await agent!.toolNames()).toEqual(
        expect.arrayContaining([
          'scaffolder.list-golden-paths',
          'scaffolder.dry-run-golden-path',
          'scaffolder.create-from-golden-path',
          'scaffolder.get-golden-path-run',
        ]),
      );
      const { isError, structured } = await agent!.call(
        'scaffolder.list-golden-paths',
      );
      expect(isError).toBe(false);
      expect(structured.templates.map((t: any) => t.templateRef)).toEqual([
        'template:default/docs-site',
        'template:default/node-service',
        'template:default/react-web-app',
        'template:default/register-existing-repository',
      ]);
      const node = structured.templates[1];
      const properties = Object.assign(
        {},
        ...node.parameters.map((p: any) => p.schema.properties),
      );
      expect(Object.keys(properties)).toEqual(
        expect.arrayContaining(['name', 'owner', 'system', 'description']),
      );
      expect(
        node.parameters.flatMap((p: any) => p.schema.required ?? []),
      ).toEqual(expect.arrayContaining(['name', 'owner']));
      // the form's hints are not for agents
      expect(JSON.stringify(structured)).not.toContain('"ui:');
    });

    it('dry-runs a golden path: the steps, the files, and nothing created', async () => {
      const { isError, structured, text } = await agent!.call(
        'scaffolder.dry-run-golden-path',
        {
          templateRef: 'node-service',
          values: { ...service, name: 'dry-api' },
        },
      );
      expect(text).not.toMatch(/^\w+Error/);
      expect(isError).toBe(false);
      expect(structured.steps.map((s: any) => s.id)).toEqual(
        expect.arrayContaining(['check', 'fetch', 'publish-local', 'ready']),
      );
      expect(structured.files.map((f: any) => f.path)).toEqual(
        expect.arrayContaining([
          'catalog-info.yaml',
          'package.json',
          'src/app.ts',
        ]),
      );
      expect(structured.log.join('\n')).toMatch(/dry.?run/i);
      expect(fs.existsSync(path.join(repositories, 'dry-api'))).toBe(false);
      expect(
        (await get('/api/catalog/entities/by-name/component/default/dry-api'))
          .status,
      ).toBe(404);
    });

    it('names what is wrong in a dry run: the template, and a value the check refuses', async () => {
      await expect(
        agent!.call('scaffolder.dry-run-golden-path', {
          templateRef: 'no-such-template',
          values: {},
        }),
      ).resolves.toMatchObject({
        isError: true,
        text: 'NotFoundError: No template template:default/no-such-template',
      });
      await expect(
        agent!.call('scaffolder.dry-run-golden-path', {
          templateRef: 'component:default/refunds-api',
          values: {},
        }),
      ).resolves.toMatchObject({
        isError: true,
        text: "InputError: 'component:default/refunds-api' is a component, not a template",
      });
      const nobody = await agent!.call('scaffolder.dry-run-golden-path', {
        templateRef: 'node-service',
        values: {
          ...service,
          name: 'dry-orphan',
          owner: 'group:default/no-such-team',
        },
      });
      expect(nobody.isError).toBe(true);
      expect(nobody.text).toContain(
        "The owner 'group:default/no-such-team' is not a group in the catalog",
      );
    });

    it('creates from a golden path, answering the component, its repository and its docs', async () => {
      const { isError, structured, text } = await agent!.call(
        'scaffolder.create-from-golden-path',
        {
          templateRef: 'template:default/docs-site',
          values: { ...service, name: 'agent-handbook' },
        },
      );
      expect({ isError, text }).toMatchObject({ isError: false });
      // it may answer before the run ends; then the agent follows it
      const ended =
        structured.status === 'completed'
          ? structured
          : (
              await agent!.call('scaffolder.get-golden-path-run', {
                taskId: structured.taskId,
              })
            ).structured;
      expect(ended).toMatchObject({
        taskId: structured.taskId,
        status: 'completed',
        component: 'component:default/agent-handbook',
        repository: path.join(repositories, 'agent-handbook'),
        docs: 'http://localhost:3000/docs/default/component/agent-handbook',
      });
      expect(ended.links).toEqual(
        expect.arrayContaining([
          {
            title: 'Open the component',
            entityRef: 'component:default/agent-handbook',
          },
        ]),
      );
      expect(
        fs.existsSync(path.join(repositories, 'agent-handbook', 'mkdocs.yml')),
      ).toBe(true);
    });

    it('says why a run failed, and names an unknown run', async () => {
      const taken = await agent!.call('scaffolder.create-from-golden-path', {
        templateRef: 'node-service',
        values: { ...service, name: 'refunds-api' },
      });
      expect(taken.structured).toMatchObject({
        status: 'failed',
        error: expect.stringContaining(
          "The name 'refunds-api' is already taken",
        ),
      });
      const unknown = await agent!.call('scaffolder.get-golden-path-run', {
        taskId: '00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.isError).toBe(true);
      expect(unknown.text).toMatch(
        /^NotFoundError: .*00000000-0000-4000-8000-000000000000/,
      );
    });
  });
});
