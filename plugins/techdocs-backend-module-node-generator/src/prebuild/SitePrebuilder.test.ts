import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { Preparers, Publisher } from '@backstage/plugin-techdocs-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { Knex, knex as createKnex } from 'knex';
import { NodeTechdocsGenerator } from '../NodeTechdocsGenerator';
import { PrebuildStore } from './PrebuildStore';
import { SiteBuilder } from './SiteBuilder';
import { SitePrebuilder } from './SitePrebuilder';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const made: string[] = [];
afterAll(() =>
  made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
);
function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-prebuild-'));
  made.push(dir);
  return dir;
}

/** A docs repository: mkdocs.yml and an index page, or nothing (a copied annotation). */
function repo(title?: string) {
  const dir = tmp();
  if (title) {
    fs.mkdirSync(path.join(dir, 'docs'));
    fs.writeFileSync(path.join(dir, 'mkdocs.yml'), `site_name: ${title}\n`);
    fs.writeFileSync(path.join(dir, 'docs/index.md'), `# ${title}\n`);
  }
  return dir;
}

function documented(name: string, target: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      uid: `${name}-uid`,
      etag: `${name}-1`,
      annotations: { 'backstage.io/techdocs-ref': `url:${target}` },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** Edits an entity in place as the catalog would: the stitched entity gets a new etag. */
function edit(entity: Entity, change: (e: Entity) => void) {
  change(entity);
  entity.metadata.etag = `${
    entity.metadata.name
  }-${Date.now()}-${Math.random()}`;
}

/**
 * The world the prebuilder works in: a catalog, docs repositories behind a
 * UrlReader that records what it reads, and TechDocs' local publisher.
 */
function world(entities: Entity[], repos: Record<string, string>) {
  const reads: string[] = [];
  const onRead: Array<(url: string) => void | Promise<void>> = [];
  const urlReader = mockServices.urlReader.mock({
    readTree: jest.fn(async (url: string) => {
      if (!repos[url]) throw new Error(`no repository at ${url}`);
      reads.push(url);
      for (const hook of onRead) await hook(url);
      return {
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
      };
    }),
  });
  const catalog = catalogServiceMock({ entities });
  const publishDirectory = tmp();
  const config = new ConfigReader({
    techdocs: {
      builder: 'local',
      publisher: { type: 'local', local: { publishDirectory } },
    },
  });
  return { reads, onRead, urlReader, catalog, publishDirectory, config };
}
type World = ReturnType<typeof world>;

/** A prebuilder as one backend instance runs it: its own store and stages. */
async function instance(
  knex: Knex,
  w: World,
  options: {
    catalog?: CatalogService;
    share?: number;
    now?: () => number;
  } = {},
) {
  const logger = mockServices.logger.mock();
  const generator = new NodeTechdocsGenerator();
  const store = await PrebuildStore.create({
    database: mockServices.database({ knex }),
  });
  const publisher = await Publisher.fromConfig(w.config, {
    logger: mockServices.logger.mock(),
    discovery: mockServices.discovery(),
  });
  const prebuilder = SitePrebuilder.create({
    store,
    publisher,
    catalog: options.catalog ?? w.catalog,
    auth: mockServices.auth(),
    logger,
    pauseBetweenBuildsMs: 0,
    // no pacing unless a test is about it
    share: options.share ?? 1,
    now: options.now,
    catalogQuietMs: 0,
    // one line per drain, however slow the machine
    summaryIntervalMs: 600_000,
    builder: SiteBuilder.create({
      preparers: await Preparers.fromConfig(w.config, {
        logger: mockServices.logger.mock(),
        reader: w.urlReader,
      }),
      generator,
      publisher,
      scmIntegrations: ScmIntegrations.fromConfig(w.config),
      logger,
    }),
  });
  const close = async () => {
    await prebuilder.close();
    await generator.close();
  };
  return { prebuilder, store, logger, close };
}

const infoLines = (logger: ReturnType<typeof mockServices.logger.mock>) =>
  logger.info.mock.calls.map(c => String(c[0]));

describe('SitePrebuilder', () => {
  const closers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const close of closers.splice(0)) await close();
    jest.restoreAllMocks();
  });

  async function setUp(entities: Entity[], repos: Record<string, string>) {
    const knex = await databases.init(databaseId);
    const w = world(entities, repos);
    const start = async (options?: {
      catalog?: CatalogService;
      knex?: Knex;
      share?: number;
      now?: () => number;
    }) => {
      const i = await instance(options?.knex ?? knex, w, options);
      closers.push(i.close);
      return i;
    };
    const rows = () =>
      knex('techdocs_prebuilt_sites')
        .orderBy('entity_ref')
        .select('entity_ref', 'status', 'failure_reason');
    return { knex, w, start, rows };
  }

  const good = 'https://git.example.com/good/';
  const other = 'https://git.example.com/other/';
  const broken = 'https://git.example.com/broken/';
  const repos = () => ({
    [good]: repo('Good docs'),
    [other]: repo('Other docs'),
    [broken]: repo(),
  });
  const threeEntities = () => [
    documented('good', good),
    documented('other', other),
    documented('broken', broken),
  ];
  const refsOf = (entities: Entity[]) =>
    entities.map(e => stringifyEntityRef(e));

  it('builds every documented site once, records each outcome, and after a restart rebuilds nothing', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());

    const first = await start();
    expect(await first.prebuilder.reconcile()).toEqual({
      documented: 3,
      queued: 3,
      forgotten: 0,
    });
    await first.prebuilder.idle();
    expect([...w.reads].sort()).toEqual([broken, good, other]);
    expect(
      fs.readFileSync(
        path.join(w.publishDirectory, 'default/component/good/index.html'),
        'utf8',
      ),
    ).toContain('Good docs');
    expect(await rows()).toEqual([
      {
        entity_ref: 'component:default/broken',
        status: 'failed',
        failure_reason: expect.stringContaining('mkdocs.yml'),
      },
      {
        entity_ref: 'component:default/good',
        status: 'built',
        failure_reason: null,
      },
      {
        entity_ref: 'component:default/other',
        status: 'built',
        failure_reason: null,
      },
    ]);
    await first.prebuilder.close();

    // A restart: a new instance on the same database, its change feed
    // announcing every entity again and its reconciliation running.
    const second = await start();
    second.prebuilder.start();
    expect(await second.prebuilder.handleChanges(refsOf(entities))).toEqual({
      retry: refsOf(entities), // same etags: maybe not stitched yet
    });
    expect(await second.prebuilder.reconcile()).toEqual({
      documented: 3,
      queued: 0,
      forgotten: 0,
    });
    await second.prebuilder.idle();
    expect(w.reads).toHaveLength(3);
    expect(second.logger.info).not.toHaveBeenCalled();
  });

  it("rebuilds exactly the site whose entity's source state changed, not one edited otherwise", async () => {
    const entities = threeEntities();
    const { w, start } = await setUp(entities, repos());
    const { prebuilder } = await start();
    await prebuilder.reconcile();
    await prebuilder.idle();
    w.reads.length = 0;

    edit(entities[0], e => {
      e.metadata.title = 'Good, retitled';
    });
    edit(entities[1], e => {
      e.metadata.description = 'Only the description changed';
    });
    edit(entities[2], e => {
      e.metadata.description = 'Still broken';
    });
    expect(await prebuilder.handleChanges(refsOf(entities))).toEqual({
      retry: [],
    });
    await prebuilder.idle();
    expect(w.reads).toEqual([good]);
  });

  it('builds a site once when two instances on one database are told of the same changes', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `site-${i}`);
    const siteRepos = Object.fromEntries(
      names.map(n => [`https://git.example.com/${n}/`, repo(n)]),
    );
    const entities = names.map(n =>
      documented(n, `https://git.example.com/${n}/`),
    );
    const { knex, w, start, rows } = await setUp(entities, siteRepos);
    const otherPool = createKnex(knex.client.config);
    closers.push(() => otherPool.destroy());
    const [a, b] = [await start(), await start({ knex: otherPool })];

    await Promise.all([
      a.prebuilder.handleChanges(refsOf(entities)),
      b.prebuilder.handleChanges(refsOf(entities)),
      a.prebuilder.reconcile(),
      b.prebuilder.reconcile(),
    ]);
    await Promise.all([a.prebuilder.idle(), b.prebuilder.idle()]);

    expect([...w.reads].sort()).toEqual(Object.keys(siteRepos).sort());
    expect((await rows()).map(r => r.status)).toEqual(names.map(() => 'built'));
  });

  it('records a failing site once, with one summary line, and builds it again only when its source changes', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `copied-${i}`);
    const entities = names.map(n => documented(n, broken));
    const fixed = 'https://git.example.com/fixed/';
    const { w, start, rows } = await setUp(entities, {
      [broken]: repo(),
      [fixed]: repo('Fixed docs'),
    });
    const { prebuilder, logger } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();
    expect(w.reads).toHaveLength(150);
    const failed = await rows();
    expect(failed.every(r => r.status === 'failed')).toBe(true);
    expect(failed[0].failure_reason).toMatch(/mkdocs\.yml/);
    const summaries = infoLines(logger).filter(l =>
      l.startsWith('Docs prebuild: '),
    );
    expect(summaries).toEqual([
      expect.stringMatching(
        /^Docs prebuild: 150 failed \(component:default\/copied-\d+: .*mkdocs\.yml.*; .*; [^;]*\); 0 waiting$/,
      ),
    ]);
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();

    // Further passes and unrelated edits build nothing and log nothing at info.
    logger.info.mockClear();
    for (const e of entities) edit(e, x => (x.metadata.description = 'x'));
    await prebuilder.handleChanges(refsOf(entities));
    await prebuilder.reconcile();
    await prebuilder.idle();
    expect(w.reads).toHaveLength(150);
    expect(logger.info).not.toHaveBeenCalled();

    // Its docs annotation changes: that site is built again, and builds.
    edit(entities[7], e => {
      e.metadata.annotations!['backstage.io/techdocs-ref'] = `url:${fixed}`;
    });
    await prebuilder.handleChanges([stringifyEntityRef(entities[7])]);
    await prebuilder.idle();
    expect(w.reads.slice(150)).toEqual([fixed]);
    expect(
      (await rows()).find(r => r.entity_ref === 'component:default/copied-7')
        ?.status,
    ).toBe('built');
  });

  it('pauses after each build for long enough that building takes at most its share of the time', async () => {
    const { start } = await setUp(threeEntities(), repos());
    // the prebuilder's clock: each build takes 200 ms of it, the rest none
    let clock = 0;
    const starts: number[] = [];
    const build = SiteBuilder.prototype.build;
    jest
      .spyOn(SiteBuilder.prototype, 'build')
      .mockImplementation(async function timed(this: SiteBuilder, entity) {
        starts.push(performance.now());
        const outcome = await build.call(this, entity);
        clock += 200;
        return outcome;
      });
    const { prebuilder, store } = await start({
      share: 0.25,
      now: () => clock,
    });

    await prebuilder.reconcile();
    await prebuilder.idle();

    expect(starts).toHaveLength(3);
    expect(await store.countWaiting()).toBe(0);
    // 200 ms of work at a quarter of the time: a pause of 600 ms before the next
    for (let i = 1; i < starts.length; i++) {
      expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(600);
    }
  });

  it('drops the row of an entity deleted while its site builds, and says so once', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());
    w.onRead.push(async url => {
      if (url === other) await w.catalog.removeEntityByUid('other-uid');
    });
    const { prebuilder, logger } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();

    expect((await rows()).map(r => r.entity_ref)).toEqual([
      'component:default/broken',
      'component:default/good',
    ]);
    const lines = infoLines(logger).filter(l => l.includes('dropped'));
    expect(lines).toEqual([
      expect.stringContaining(
        '1 dropped (component:default/other: deleted while its site was built)',
      ),
    ]);

    // The next reconciliation neither builds nor mentions it.
    logger.info.mockClear();
    await prebuilder.reconcile();
    await prebuilder.idle();
    expect(w.reads.filter(u => u === other)).toHaveLength(1);
    expect(logger.info).not.toHaveBeenCalled();
  });

  it('fetches the entities of a batch of claimed sites with one catalog request, and checks those whose build failed with one more', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `copied-${i}`);
    const entities = names.map(n => documented(n, broken));
    const { w, start, rows } = await setUp(entities, { [broken]: repo() });
    const fetches = jest.spyOn(w.catalog, 'getEntitiesByRefs');
    const generatorRuns = jest.spyOn(NodeTechdocsGenerator.prototype, 'run');
    const { prebuilder } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();

    expect(w.reads).toHaveLength(25);
    expect((await rows()).every(r => r.status === 'failed')).toBe(true);
    const calls = fetches.mock.calls.map(([request]) => ({
      refs: request.entityRefs.length,
      fields: request.fields,
    }));
    expect(calls).toEqual([
      { refs: 10, fields: undefined },
      { refs: 10, fields: ['metadata.uid'] },
      { refs: 10, fields: undefined },
      { refs: 10, fields: ['metadata.uid'] },
      { refs: 5, fields: undefined },
      { refs: 5, fields: ['metadata.uid'] },
    ]);
    // No mkdocs.yml: the sites fail before a build worker is asked.
    expect(generatorRuns).not.toHaveBeenCalled();
  });

  it('drops the row of an entity deleted while its site fails to build', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());
    w.onRead.push(async url => {
      if (url === broken) await w.catalog.removeEntityByUid('broken-uid');
    });
    const { prebuilder, logger } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();

    expect((await rows()).map(r => r.entity_ref)).toEqual([
      'component:default/good',
      'component:default/other',
    ]);
    expect(infoLines(logger)).toContainEqual(
      expect.stringContaining(
        '1 dropped (component:default/broken: deleted while its site was built)',
      ),
    );
  });

  it('releases the claims of its batch it has not built when it closes, for another instance to build', async () => {
    const entities = threeEntities();
    const { w, knex, start, rows } = await setUp(entities, repos());
    const first = await start();
    let closing: Promise<void> | undefined;
    const closed = new Promise<void>(resolve => {
      w.onRead.push(() => {
        closing ??= first.prebuilder.close().then(resolve);
      });
    });

    await first.prebuilder.reconcile();
    await closed;
    expect(w.reads).toHaveLength(1);
    const held = await knex('techdocs_prebuilt_sites')
      .whereNull('source_hash')
      .select('claimed_by', 'claimed_until');
    expect(held).toEqual([
      { claimed_by: null, claimed_until: null },
      { claimed_by: null, claimed_until: null },
    ]);

    const second = await start();
    second.prebuilder.start();
    await second.prebuilder.idle();
    expect([...w.reads].sort()).toEqual([broken, good, other]);
    expect((await rows()).map(r => r.status)).toEqual([
      'failed',
      'built',
      'built',
    ]);
  });

  it("renews its batch's claims before a build once a minute has passed, so that none runs out while earlier builds take long", async () => {
    const entities = threeEntities();
    const { w, knex, start } = await setUp(entities, repos());
    const realNow = Date.now.bind(Date);
    let offset = 0;
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + offset);
    const minutesLeft: number[][] = [];
    w.onRead.push(async () => {
      const left: Array<{ minutes: number }> = await knex(
        'techdocs_prebuilt_sites',
      )
        .whereNotNull('claimed_by')
        .select(
          knex.raw(
            'floor(extract(epoch from claimed_until - now()) / 60)::int AS minutes',
          ),
        );
      minutesLeft.push(left.map(r => r.minutes));
      // The first build takes five minutes, of the claims' fifteen.
      if (minutesLeft.length === 1) {
        await knex('techdocs_prebuilt_sites')
          .whereNotNull('claimed_by')
          .update({ claimed_until: knex.raw("now() + interval '10 minutes'") });
        offset += 5 * 60_000;
      }
    });
    const { prebuilder } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();
    expect(minutesLeft).toEqual([
      [14, 14, 14],
      [14, 14], // renewed: fifteen minutes again
      [14],
    ]);
  });

  it('defers a site whose source cannot be fetched for now, without marking it failed, and builds it after the delay', async () => {
    const entities = threeEntities();
    const { w, start, rows, knex } = await setUp(entities, repos());
    let reachable = false;
    w.onRead.push(url => {
      if (url === other && !reachable) {
        throw Object.assign(new Error('read ECONNRESET'), {
          code: 'ECONNRESET',
        });
      }
    });
    const { prebuilder, logger } = await start();

    await prebuilder.reconcile();
    await prebuilder.idle();
    expect((await rows()).map(r => r.status)).toEqual([
      'failed',
      'built',
      null,
    ]);
    expect(infoLines(logger)).toContainEqual(
      expect.stringContaining(
        '1 deferred for 10 min, their source unreachable (component:default/other: read ECONNRESET)',
      ),
    );
    expect(logger.warn).not.toHaveBeenCalled();

    // Ten minutes later (the claim's expiry moved back), the source answers;
    // the next reconciliation finds the site still waiting and builds it.
    reachable = true;
    await knex('techdocs_prebuilt_sites').update({
      claimed_until: knex.raw("now() - interval '1 second'"),
    });
    await prebuilder.reconcile();
    await prebuilder.idle();
    expect((await rows()).map(r => r.status)).toEqual([
      'failed',
      'built',
      'built',
    ]);
  });

  it('forgets the rows of entities gone from the catalog or no longer documented', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());
    const { prebuilder, logger } = await start();
    await prebuilder.reconcile();
    await prebuilder.idle();

    await w.catalog.removeEntityByUid('good-uid');
    edit(entities[1], e => {
      delete e.metadata.annotations!['backstage.io/techdocs-ref'];
    });
    expect(await prebuilder.reconcile()).toEqual({
      documented: 1,
      queued: 0,
      forgotten: 2,
    });
    expect((await rows()).map(r => r.entity_ref)).toEqual([
      'component:default/broken',
    ]);
    expect(infoLines(logger)).toContainEqual(
      expect.stringMatching(
        /^Docs prebuild reconciliation: 1 documented entities, 0 sites to build, 2 forgotten .*: component:default\/(good|other), component:default\/(good|other)$/,
      ),
    );
  });

  it('defers a site whose build throws, so that the others are built and it is not claimed again and again', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());
    let thrown = 0;
    const throwing = new Proxy(w.catalog, {
      get(target, name) {
        const value = (target as any)[name];
        if (typeof value !== 'function') return value;
        if (name !== 'getEntitiesByRefs') return value.bind(target);
        return async (
          request: { entityRefs: string[] },
          ...rest: unknown[]
        ) => {
          // A bad row breaks every request that names it: its batch's,
          // then its own when each site of the batch is fetched alone.
          if (request.entityRefs.includes('component:default/broken')) {
            if (request.entityRefs.length === 1) thrown += 1;
            throw new Error('a bad row');
          }
          return value.apply(target, [request, ...rest]);
        };
      },
    });
    const { prebuilder } = await start({ catalog: throwing });

    await prebuilder.reconcile();
    await waitUntil(
      async () =>
        (await rows())
          .filter(r => r.entity_ref !== 'component:default/broken')
          .every(r => r.status === 'built'),
      { timeoutMs: 30_000, what: 'the other two sites to be built' },
    );
    await prebuilder.idle();

    expect(thrown).toBe(1);
    expect((await rows()).map(r => r.status)).toEqual([null, 'built', 'built']);
  });

  it('marks nothing failed while the catalog is unreachable, warns once, and builds once it is back', async () => {
    const entities = threeEntities();
    const { w, start, rows } = await setUp(entities, repos());
    const down = { now: false };
    const refused = () =>
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:7007'), {
        code: 'ECONNREFUSED',
      });
    const flaky = new Proxy(w.catalog, {
      get(target, name) {
        const value = (target as any)[name];
        if (typeof value !== 'function') return value;
        return async (...args: unknown[]) => {
          if (down.now) throw refused();
          const result = await value.apply(target, args);
          // The catalog goes away right after the reconciliation's listing.
          if (name === 'queryEntities') down.now = true;
          return result;
        };
      },
    });
    const { prebuilder, logger } = await start({ catalog: flaky });

    await prebuilder.reconcile();
    await waitUntil(async () => logger.warn.mock.calls.length > 0, {
      timeoutMs: 10_000,
      what: 'the prebuilder to warn that the catalog is unreachable',
    });
    expect(logger.warn.mock.calls).toEqual([
      [
        expect.stringMatching(
          /^Docs prebuild paused, nothing is marked failed; .*ECONNREFUSED/,
        ),
      ],
    ]);
    expect((await rows()).map(r => r.status)).toEqual([null, null, null]);
    expect(w.reads).toEqual([]);
    await expect(prebuilder.reconcile()).rejects.toThrow(/ECONNREFUSED/);
    await expect(prebuilder.handleChanges(refsOf(entities))).rejects.toThrow(
      /ECONNREFUSED/,
    );

    down.now = false;
    await waitUntil(async () => (await rows()).every(r => r.status !== null), {
      timeoutMs: 30_000,
      what: 'every site to be built once the catalog is back',
    });
    expect((await rows()).map(r => r.status)).toEqual([
      'failed',
      'built',
      'built',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(infoLines(logger)).toContainEqual(
      expect.stringMatching(/^Docs prebuild resumed after \d+ failed attempts/),
    );
  });

  it('adopts a site TechDocs has already published instead of building it again', async () => {
    const entities = [documented('good', good)];
    const { w, start, rows, knex } = await setUp(entities, repos());
    const first = await start();
    await first.prebuilder.reconcile();
    await first.prebuilder.idle();
    // The state is lost (as before this store existed); the site is not.
    await knex('techdocs_prebuilt_sites').delete();

    const { prebuilder, logger } = await start();
    await prebuilder.reconcile();
    await prebuilder.idle();
    expect(w.reads).toEqual([good]);
    expect(await rows()).toEqual([
      {
        entity_ref: 'component:default/good',
        status: 'built',
        failure_reason: null,
      },
    ]);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining(
        'Docs prebuild reconciliation: 1 documented entities, 1 sites to build',
      ),
    );
  });
});
