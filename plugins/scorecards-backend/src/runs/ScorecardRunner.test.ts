import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FactProvider } from '@internal/plugin-scorecards-node';
import { createTestDatabases } from '@internal/test-utils';
import { ScorecardsStore } from '../database/ScorecardsStore';
import { knownFacts } from '../definitions/knownFacts';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { Evaluator } from '../evaluation/Evaluator';
import { RELATED_MAX_WAIT_MS, RELATED_QUIET_MS } from './RelatedEntityQueue';
import { ScorecardRunner } from './ScorecardRunner';

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const SCORECARD = `
id: ready
title: Ready
appliesTo: { kind: [Component], type: [service] }
levels:
  - id: bronze
    title: Bronze
    checks:
      - id: ci
        title: Has CI
        condition: { '==': [{ var: repo.ci }, true] }
`;

const component = (
  name: string,
  etag = `${name}-1`,
  relations: Entity['relations'] = [],
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', etag },
  spec: { type: 'service', owner: 'team-a' },
  relations,
});

/** How recently evaluated an entity the scheduled run skips. */
const FRESH = 10 * 60_000;

const dependsOnLib = [
  { type: 'dependsOn', targetRef: 'component:default/lib' },
];

describe('ScorecardRunner', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-runner-'));
  fs.writeFileSync(path.join(dir, 'ready.yaml'), SCORECARD);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const runners: ScorecardRunner[] = [];
  afterEach(async () => {
    await Promise.all(runners.splice(0).map(r => r.close()));
    jest.useRealTimers();
  });

  /**
   * The clock of the related entities' timers, from now on; the database
   * keeps real timers.
   */
  const fakeTimers = () =>
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });

  /**
   * A runner on a fresh database over `entities` (read on every call, so a
   * test can change them), whose `repo` provider records what it is asked
   * and fails while `failing` is set. `related` records the passes over
   * related entities: when each started, and when it is done.
   */
  async function setUp(entities: Entity[]) {
    const state = { failing: undefined as string | undefined };
    const asked: string[] = [];
    const repo: FactProvider = {
      id: 'repo',
      facts: { ci: { type: 'boolean', description: 'Has CI' } },
      async getFacts(batch) {
        asked.push(...batch.map(e => stringifyEntityRef(e)));
        if (state.failing) throw new Error(state.failing);
        return new Map(batch.map(e => [stringifyEntityRef(e), { ci: true }]));
      },
    };
    const logger = mockServices.logger.mock();
    const store = await ScorecardsStore.create({
      database: mockServices.database({
        knex: await databases.init(databaseId),
      }),
    });
    const definitions = new ScorecardDefinitions({
      paths: [dir],
      facts: knownFacts([repo]),
      logger: mockServices.logger.mock(), // the runner's log is what is read
    });
    definitions.load();
    const current = () => catalogServiceMock({ entities });
    const catalog = catalogServiceMock.mock({
      queryEntities: (request, options) =>
        current().queryEntities(request, options),
      getEntitiesByRefs: (request, options) =>
        current().getEntitiesByRefs(request, options),
    });
    const runner = new ScorecardRunner({
      catalog,
      auth: mockServices.auth(),
      definitions,
      evaluator: new Evaluator([repo]),
      store,
      logger,
    });
    runners.push(runner);
    const related: Array<{ at: number; done: Promise<unknown> }> = [];
    const evaluateRelated = runner.evaluateRelated.bind(runner);
    jest.spyOn(runner, 'evaluateRelated').mockImplementation(refs => {
      const done = evaluateRelated(refs);
      related.push({ at: Date.now(), done });
      return done;
    });
    /** Advances the clock and waits for the passes it started. */
    const advance = async (ms: number) => {
      await jest.advanceTimersByTimeAsync(ms);
      await Promise.all(related.map(p => p.done));
    };
    return { advance, asked, catalog, logger, related, runner, state, store };
  }

  /** The refs of the entities fetched in full (without `fields`). */
  const fetchedInFull = (catalog: ReturnType<typeof catalogServiceMock.mock>) =>
    catalog.getEntitiesByRefs.mock.calls.flatMap(([request]) =>
      request.fields ? [] : request.entityRefs,
    );

  it('logs a fact provider that throws for every entity once per full run, with its reason', async () => {
    const entities = Array.from({ length: 1100 }, (_, i) =>
      component(`c-${i}`),
    );
    const { logger, runner, state } = await setUp(entities);
    state.failing = 'GitHub answered 502';

    // 1,100 entities: three pages, three calls to the provider
    await runner.evaluateAll();

    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Scorecards: evaluated 1100 entities \(1100 results\) in \d+ ms; forgot 0 entities gone from the catalog; fact provider 'repo' failed for 1100 entities \(component:default\/c-0: GitHub answered 502\)$/,
      ),
    );
    expect(logger.info).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('logs one info line for a full run that went well', async () => {
    const { logger, runner } = await setUp([component('a'), component('b')]);

    await runner.evaluateAll();

    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(/^Scorecards: evaluated 2 entities \(2 results\)/),
    );
    expect(logger.warn).not.toHaveBeenCalled();
  });

  it('on the schedule, skips the entities evaluated in the last 10 min at their current etag, without forgetting them', async () => {
    const entities = [
      component('recent'),
      component('old'),
      component('changed'),
      component('gone'),
    ];
    const { asked, logger, runner, store } = await setUp(entities);
    fakeTimers();
    const start = Date.now();
    await runner.evaluateAll({ skipFreshMs: FRESH }); // none evaluated yet
    expect(asked).toHaveLength(4);
    // the change feed evaluates edits of two entities, then misses one
    jest.setSystemTime(start + 10 * 60_000);
    entities[0] = component('recent', 'recent-2');
    entities[2] = component('changed', 'changed-2');
    await runner.evaluateChanged([
      'component:default/recent',
      'component:default/changed',
    ]);
    entities[2] = component('changed', 'changed-3');
    entities.splice(3, 1);
    asked.length = 0;
    logger.info.mockClear();

    jest.setSystemTime(start + 11 * 60_000);
    const outcome = await runner.evaluateAll({ skipFreshMs: FRESH });

    // the catalog pages by entity id, so in no particular order
    expect([...asked].sort()).toEqual([
      'component:default/changed',
      'component:default/old',
    ]);
    expect(outcome).toEqual({ entities: 2, results: 2, skipped: 1 });
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Scorecards: evaluated 2 entities \(2 results\) in \d+ ms; 1 evaluated in the last 10 min at their current etag skipped; forgot 1 entities gone from the catalog$/,
      ),
    );
    const evaluated = await store.evaluatedEntities();
    expect([...evaluated.keys()].sort()).toEqual([
      'component:default/changed',
      'component:default/old',
      'component:default/recent',
    ]);
    expect(evaluated.get('component:default/recent')?.evaluatedAt).toEqual(
      new Date(start + 10 * 60_000),
    );
    expect(await store.entityResults('component:default/recent')).toEqual([
      expect.objectContaining({ scorecardId: 'ready', level: 'bronze' }),
    ]);
  });

  it('without skipFreshMs, evaluates every entity, however recently evaluated', async () => {
    const { asked, runner } = await setUp([component('a'), component('b')]);
    await runner.evaluateAll();
    asked.length = 0;

    const outcome = await runner.evaluateAll();

    expect(asked).toEqual(['component:default/a', 'component:default/b']);
    expect(outcome).toEqual({ entities: 2, results: 2, skipped: 0 });
  });

  it('evaluates an announced entity only when its etag differs from the one evaluated, and hands back the rest to retry', async () => {
    const entities = [component('a'), component('b')];
    const { asked, runner } = await setUp(entities);
    await runner.evaluateAll();
    asked.length = 0;

    entities[0] = component('a', 'a-2');
    entities.push(component('new'), {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: 'u', namespace: 'default', etag: 'u-1' },
      spec: {},
    });
    const outcome = await runner.evaluateChanged([
      'component:default/a', // changed
      'component:default/b', // same etag: not stitched yet
      'component:default/new', // never evaluated
      'component:default/later', // not in the catalog yet
      'user:default/u', // no scorecard applies
    ]);

    expect(asked).toEqual(['component:default/a', 'component:default/new']);
    expect(outcome).toEqual({
      evaluated: 2,
      retry: ['component:default/b', 'component:default/later'],
    });
  });

  it('evaluates the entities a changed one has relations to, whose facts may depend on it, once the feed is quiet', async () => {
    // The components were evaluated before their system existed; the system
    // arrives later and lists them in its hasPart relations, and the catalog
    // stitches them again.
    const entities = [component('a'), component('b'), component('c')];
    const { advance, asked, runner } = await setUp(entities);
    await runner.evaluateAll();
    asked.length = 0;
    entities[0] = component('a', 'a-2');
    entities[1] = component('b', 'b-2');
    fakeTimers();

    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: { name: 'shop', namespace: 'default', etag: 'shop-1' },
      spec: { owner: 'team-a' },
      relations: [
        { type: 'hasPart', targetRef: 'component:default/a' },
        { type: 'hasPart', targetRef: 'component:default/b' },
        { type: 'ownedBy', targetRef: 'group:default/team-a' }, // not there
      ],
    });
    const outcome = await runner.evaluateChanged(['system:default/shop']);
    expect(outcome).toEqual({ evaluated: 0, retry: [] });
    expect(asked).toEqual([]);

    await advance(RELATED_QUIET_MS);
    expect(asked.sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
  });

  it('evaluates a related entity announced by several batches once, after the quiet time, and the changed ones at once', async () => {
    const entities = [
      component('lib'),
      component('a', 'a-1', dependsOnLib),
      component('b', 'b-1', dependsOnLib),
      component('c', 'c-1', dependsOnLib),
    ];
    const { advance, asked, runner } = await setUp(entities);
    fakeTimers();

    for (const name of ['a', 'b', 'c']) {
      const outcome = await runner.evaluateChanged([
        `component:default/${name}`,
      ]);
      expect(outcome).toEqual({ evaluated: 1, retry: [] });
      expect(asked).toEqual([`component:default/${name}`]);
      asked.length = 0;
      await advance(1000);
    }
    await advance(RELATED_QUIET_MS - 1001);
    expect(asked).toEqual([]);

    await advance(1);
    expect(asked).toEqual(['component:default/lib']);
    await advance(RELATED_MAX_WAIT_MS);
    expect(asked).toEqual(['component:default/lib']);
  });

  it('evaluates a related entity at the etag it was evaluated at (its facts depend on the changed one), and does not fetch in full one no scorecard applies to', async () => {
    const entities = [
      component('lib'),
      component('other'),
      component('a', 'a-1', [
        ...dependsOnLib,
        { type: 'dependsOn', targetRef: 'component:default/other' },
        { type: 'ownedBy', targetRef: 'group:default/team-a' }, // no scorecard
      ]),
    ];
    const { advance, asked, catalog, runner } = await setUp(entities);
    await runner.evaluateAll();
    asked.length = 0;
    entities[1] = component('other', 'other-2'); // re-stitched
    entities[2] = component('a', 'a-2', entities[2].relations);
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'team-a', namespace: 'default', etag: 'g-1' },
      spec: { type: 'team', children: [] },
    });
    fakeTimers();

    await runner.evaluateChanged(['component:default/a']);
    await advance(RELATED_QUIET_MS);

    expect(asked).toEqual([
      'component:default/a',
      'component:default/lib',
      'component:default/other',
    ]);
    expect(fetchedInFull(catalog)).toEqual([
      'component:default/a',
      'component:default/lib',
      'component:default/other',
    ]);
  });

  it('drops the related entities queued before a full run, which evaluates them', async () => {
    const entities = [component('lib'), component('a', 'a-1', dependsOnLib)];
    const { advance, asked, runner } = await setUp(entities);
    await runner.evaluateAll();
    entities[1] = component('a', 'a-2', dependsOnLib);
    fakeTimers();
    asked.length = 0;

    await runner.evaluateChanged(['component:default/a']);
    await runner.evaluateAll();
    await advance(RELATED_MAX_WAIT_MS);

    expect(asked.filter(r => r === 'component:default/lib')).toEqual([
      'component:default/lib',
    ]);
  });

  it('keeps the related entities queued through a scheduled run, which skips them as fresh', async () => {
    const entities = [component('lib'), component('a', 'a-1', dependsOnLib)];
    const { advance, asked, runner } = await setUp(entities);
    await runner.evaluateAll();
    entities[1] = component('a', 'a-2', dependsOnLib);
    fakeTimers();
    asked.length = 0;

    await runner.evaluateChanged(['component:default/a']);
    await runner.evaluateAll({ skipFreshMs: 10 * 60_000 });
    expect(asked).toEqual(['component:default/a']);
    await advance(RELATED_QUIET_MS);

    expect(asked).toEqual(['component:default/a', 'component:default/lib']);
  });

  it('drops a related entity that a scheduled run or a change batch evaluated after it was queued', async () => {
    const entities = [component('lib'), component('a', 'a-1', dependsOnLib)];
    const { advance, asked, related, runner } = await setUp(entities);
    await runner.evaluateAll();
    fakeTimers();
    asked.length = 0;

    entities[1] = component('a', 'a-2', dependsOnLib);
    await runner.evaluateChanged(['component:default/a']);
    await advance(1);
    entities[0] = component('lib', 'lib-2'); // re-stitched
    await runner.evaluateAll({ skipFreshMs: FRESH });

    entities[1] = component('a', 'a-3', dependsOnLib);
    await runner.evaluateChanged(['component:default/a']);
    await advance(1);
    entities[0] = component('lib', 'lib-3');
    await runner.evaluateChanged(['component:default/lib']);
    await advance(RELATED_MAX_WAIT_MS);

    expect(related).toEqual([]);
    expect(asked).toEqual([
      'component:default/a',
      'component:default/lib',
      'component:default/a',
      'component:default/lib',
    ]);
  });

  it('evaluates the related entities at most the max wait after the first was queued, when batches never stop', async () => {
    const entities = [component('lib'), component('a', 'a-0', dependsOnLib)];
    const { advance, asked, related, runner } = await setUp(entities);
    fakeTimers();
    const started = Date.now();

    // a change every 10 s: never quiet for RELATED_QUIET_MS
    for (let s = 1; s <= RELATED_MAX_WAIT_MS / 10_000 + 2; s++) {
      entities[1] = component('a', `a-${s}`, dependsOnLib);
      await runner.evaluateChanged(['component:default/a']);
      await advance(10_000);
    }

    expect(related.map(p => p.at - started)).toEqual([RELATED_MAX_WAIT_MS]);
    expect(asked.filter(ref => ref === 'component:default/lib')).toHaveLength(
      1,
    );
  });

  it('re-evaluates a changed entity that no longer applies, dropping its results', async () => {
    const entities = [component('a')];
    const { runner, store } = await setUp(entities);
    await runner.evaluateAll();
    expect(await store.entityResults('component:default/a')).toHaveLength(1);

    entities[0] = component('a', 'a-2');
    entities[0].spec!.type = 'library';
    const outcome = await runner.evaluateChanged(['component:default/a']);

    expect(outcome).toEqual({ evaluated: 1, retry: [] });
    expect(await store.entityResults('component:default/a')).toEqual([]);
  });

  it('in change batches, logs a failing provider once until it works again', async () => {
    const entities = [component('a'), component('b'), component('c')];
    const { logger, runner, state } = await setUp(entities);

    state.failing = 'GitHub answered 502';
    await runner.evaluateChanged(['component:default/a']);
    await runner.evaluateChanged(['component:default/b']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        "fact provider 'repo' failed for 1 entity (component:default/a: GitHub answered 502)",
      ),
    );

    state.failing = undefined;
    entities[0] = component('a', 'a-2');
    await runner.evaluateChanged(['component:default/a']);
    state.failing = 'GitHub answered 503';
    entities[1] = component('b', 'b-2');
    await runner.evaluateChanged(['component:default/b']);

    expect(logger.warn).toHaveBeenCalledTimes(2);
    expect(logger.warn).toHaveBeenLastCalledWith(
      expect.stringContaining('GitHub answered 503'),
    );
    expect(logger.info).not.toHaveBeenCalled();
  });
});
