import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DefaultEventsService,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { CATALOG_ENTITY_CHANGES_TOPIC } from '@internal/plugin-catalog-entity-changes-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { techdocsModuleNodeGenerator } from './module';

// Each test starts a backend; two-core CI machines can be slow to.
jest.setTimeout(60_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

/** The techdocs plugin's database: a fresh Postgres database per backend. */
async function techdocsDatabase() {
  return mockServices.database.factory({
    knex: await databases.init(databaseId),
  });
}

/** An events service the test publishes on, as the catalog's change feed would. */
function eventsBus() {
  const events = DefaultEventsService.create({
    logger: mockServices.logger.mock(),
  });
  return {
    events,
    factory: createServiceFactory({
      service: eventsServiceRef,
      deps: {},
      factory: () => events,
    }),
  };
}

const made: string[] = [];
afterAll(() =>
  made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
);
function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-module-'));
  made.push(dir);
  return dir;
}

function documentedEntity(name: string, ref: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      uid: `${name}-uid`,
      namespace: 'default',
      annotations: { 'backstage.io/techdocs-ref': ref },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** A UrlReader serving a copy of `repos[url]` as the tree at that URL. */
function reposReader(repos: Record<string, string>) {
  return mockServices.urlReader.mock({
    readTree: jest.fn(async (url: string) => ({
      etag: 'v1',
      files: async () => [],
      archive: async () => {
        throw new Error('not used by TechDocs');
      },
      dir: async () => {
        const dir = tmp();
        fs.cpSync(repos[url], dir, { recursive: true });
        return dir;
      },
    })),
  });
}

function techdocsConfig(publishDirectory: string, extra: object = {}) {
  return mockServices.rootConfig.factory({
    data: {
      techdocs: {
        builder: 'local',
        publisher: { type: 'local', local: { publishDirectory } },
        ...extra,
      },
    },
  });
}

describe('techdocsModuleNodeGenerator', () => {
  it('builds the docs of a url: techdocs ref, fetched by the UrlReader, with the Node generator', async () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(
      path.join(repo, 'mkdocs.yml'),
      'site_name: Remote docs\nnav:\n  - Home: index.md\n  - Guide: guide.md\n',
    );
    fs.writeFileSync(path.join(repo, 'docs/index.md'), '# Remote docs\n');
    fs.writeFileSync(
      path.join(repo, 'docs/guide.md'),
      '# Guide\n\n!!! note\n    Fetched.\n',
    );

    const target = 'https://git.example.com/org/remote/tree/main/';
    const urlReader = reposReader({ [target]: repo });
    const publishDirectory = tmp();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        urlReader.factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        await techdocsDatabase(),
        catalogServiceMock.factory({
          entities: [documentedEntity('remote', `url:${target}`)],
        }),
        techdocsConfig(publishDirectory),
      ],
    });

    const res = await request(server)
      .get('/api/techdocs/sync/default/component/remote')
      .set('Accept', 'text/event-stream')
      .set('Authorization', mockCredentials.user.header());

    expect(res.text).toContain("INFO Built 2 pages of 'Remote docs'");
    expect(res.text).toContain('"updated":true');
    expect(urlReader.readTree).toHaveBeenCalledWith(target, expect.anything());
    const guide = fs.readFileSync(
      path.join(publishDirectory, 'default/component/remote/guide/index.html'),
      'utf8',
    );
    expect(guide).toContain('<div class="admonition note">');
  });

  it("builds a documented site when the catalog announces its entity's change, and serves the build states to backends", async () => {
    const good = tmp();
    fs.mkdirSync(path.join(good, 'docs'));
    fs.writeFileSync(path.join(good, 'mkdocs.yml'), 'site_name: Ahead\n');
    fs.writeFileSync(path.join(good, 'docs/index.md'), '# Built ahead\n');
    const broken = tmp(); // no mkdocs.yml: the annotation was copied

    const urlReader = reposReader({
      'https://git.example.com/good/': good,
      'https://git.example.com/broken/': broken,
    });
    const publishDirectory = tmp();
    const logger = mockServices.logger.mock();
    const { events, factory: eventsFactory } = eventsBus();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        urlReader.factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        logger.factory,
        eventsFactory,
        await techdocsDatabase(),
        catalogServiceMock.factory({
          entities: [
            documentedEntity('broken', 'url:https://git.example.com/broken/'),
            documentedEntity('good', 'url:https://git.example.com/good/'),
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Group',
              metadata: { name: 'team-a', namespace: 'default' },
              spec: { type: 'team', children: [] },
            },
          ],
        }),
        techdocsConfig(publishDirectory),
      ],
    });

    await events.publish({
      topic: CATALOG_ENTITY_CHANGES_TOPIC,
      eventPayload: {
        entityRefs: [
          'component:default/good',
          'component:default/broken',
          'group:default/team-a',
        ],
      },
    });

    const states = async (header: string, entityRefs: unknown) =>
      request(server)
        .post('/api/techdocs/node-generator/build-states')
        .set('Authorization', header)
        .send({ entityRefs });
    const refs = [
      'component:default/good',
      'component:default/broken',
      'group:default/team-a',
    ];
    await waitUntil(
      async () =>
        (await states(mockCredentials.service.header(), refs)).body.items
          ?.slice(0, 2)
          .every((s: { status: string }) =>
            ['built', 'failed'].includes(s.status),
          ),
      { timeoutMs: 30_000, what: 'both documented sites to be built' },
    );

    const res = await states(mockCredentials.service.header(), refs);
    expect(res.status).toBe(200);
    const builtAt = res.body.items[0].builtAt;
    expect(builtAt).toBeGreaterThan(Date.now() - 60_000);
    expect(res.body.items).toEqual([
      {
        entityRef: 'component:default/good',
        status: 'built',
        buildFails: false,
        failure: null,
        published: true,
        builtAt,
        pageCount: 1,
      },
      {
        entityRef: 'component:default/broken',
        status: 'failed',
        buildFails: true,
        failure: {
          reason: expect.stringMatching(/mkdocs\.yml/),
          at: expect.any(String),
        },
        published: false,
        builtAt: null,
        pageCount: 0,
      },
      {
        entityRef: 'group:default/team-a',
        status: 'none',
        buildFails: false,
        failure: null,
        published: false,
        builtAt: null,
        pageCount: 0,
      },
    ]);
    expect(
      fs.readFileSync(
        path.join(publishDirectory, 'default/component/good/index.html'),
        'utf8',
      ),
    ).toContain('Built ahead');
    const summaries = () =>
      logger.info.mock.calls
        .map(c => String(c[0]))
        .filter(l => l.startsWith('Docs prebuild: '));
    await waitUntil(async () => summaries().length > 0, {
      timeoutMs: 10_000,
      what: "the prebuild's summary line",
    });
    expect(summaries()).toEqual([
      expect.stringMatching(
        /^Docs prebuild: 1 sites built, 1 failed \(component:default\/broken: .*mkdocs\.yml.*\); 0 waiting$/,
      ),
    ]);
    expect(logger.warn).not.toHaveBeenCalled();

    // Users may not ask (the states name entities they may not see), and
    // the spec's limits are enforced.
    const asUser = await states(mockCredentials.user.header(), refs);
    expect(asUser.status).toBe(403);
    const notRefs = await states(mockCredentials.service.header(), ['orders']);
    expect(notRefs.status).toBe(400);
    expect(notRefs.body.error.message).toMatch(/entityRefs/);
    const notAName = await states(mockCredentials.service.header(), [
      'component:default/ok',
      'component:default/..',
    ]);
    expect(notAName.status).toBe(400);
    expect(notAName.body.error.message).toMatch(/component:default\/\.\./);
    const tooMany = await states(
      mockCredentials.service.header(),
      Array.from({ length: 1001 }, (_, i) => `component:default/c${i}`),
    );
    expect(tooMany.status).toBe(400);

    // The reader's own build, when someone opens the broken docs, still
    // shows why it fails.
    const sync = await request(server)
      .get('/api/techdocs/sync/default/component/broken')
      .set('Accept', 'text/event-stream')
      .set('Authorization', mockCredentials.user.header());
    expect(sync.text).toMatch(/event: error\ndata: ".*mkdocs\.yml/);
  });

  it('schedules a reconciliation once across replicas, which builds what the change feed did not announce', async () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'mkdocs.yml'), 'site_name: Caught up\n');
    fs.writeFileSync(path.join(repo, 'docs/index.md'), '# Caught up\n');
    const publishDirectory = tmp();
    const scheduler = mockServices.scheduler.mock();

    await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        reposReader({ 'https://git.example.com/quiet/': repo }).factory,
        scheduler.factory,
        await techdocsDatabase(),
        catalogServiceMock.factory({
          entities: [
            documentedEntity('quiet', 'url:https://git.example.com/quiet/'),
          ],
        }),
        techdocsConfig(publishDirectory),
      ],
    });

    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: 'techdocs-node-generator-prebuild-reconcile',
      scope: 'global',
      frequency: { hours: 1 },
    });
    await task.fn(new AbortController().signal);
    const site = path.join(
      publishDirectory,
      'default/component/quiet/index.html',
    );
    await waitUntil(async () => fs.existsSync(site), {
      timeoutMs: 30_000,
      what: `${site} to be published`,
    });
    expect(fs.readFileSync(site, 'utf8')).toContain('Caught up');
  });

  it('leaves TechDocs on its MkDocs generator when techdocs.nodeGenerator.enabled is false', async () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'mkdocs.yml'), 'site_name: Stock\n');
    fs.writeFileSync(path.join(repo, 'docs/index.md'), '# Stock\n');
    const target = 'https://git.example.com/stock/';
    const scheduler = mockServices.scheduler.mock();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        reposReader({ [target]: repo }).factory,
        scheduler.factory,
        await techdocsDatabase(),
        catalogServiceMock.factory({
          entities: [documentedEntity('stock', `url:${target}`)],
        }),
        techdocsConfig(tmp(), {
          generator: { runIn: 'local' },
          nodeGenerator: { enabled: false },
        }),
      ],
    });

    const res = await request(server)
      .get('/api/techdocs/sync/default/component/stock')
      .set('Accept', 'text/event-stream')
      .set('Authorization', mockCredentials.user.header());

    // The stock generator runs the mkdocs CLI with the techdocs-core plugin:
    // where MkDocs is missing the build fails spawning it, and where Debian's
    // MkDocs is installed it fails on the missing techdocs-core plugin. Either
    // way the MkDocs path ran, and the Node generator did not.
    expect(res.text).toMatch(/spawn mkdocs ENOENT|techdocs-core/);
    expect(res.text).not.toContain('pages of');
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();

    // The build states are still served, from what TechDocs published.
    const states = await request(server)
      .post('/api/techdocs/node-generator/build-states')
      .set('Authorization', mockCredentials.service.header())
      .send({ entityRefs: ['component:default/stock'] });
    expect(states.body.items).toEqual([
      expect.objectContaining({ status: 'none', published: false }),
    ]);
  });
});
