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

const component = (name: string, etag = `${name}-1`): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', etag },
  spec: { type: 'service', owner: 'team-a' },
});

describe('ScorecardRunner', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-runner-'));
  fs.writeFileSync(path.join(dir, 'ready.yaml'), SCORECARD);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  /**
   * A runner on a fresh database over `entities` (read on every call, so a
   * test can change them), whose `repo` provider records what it is asked
   * and fails while `failing` is set.
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
    const runner = new ScorecardRunner({
      catalog: catalogServiceMock.mock({
        queryEntities: (request, options) =>
          current().queryEntities(request, options),
        getEntitiesByRefs: (request, options) =>
          current().getEntitiesByRefs(request, options),
      }),
      auth: mockServices.auth(),
      definitions,
      evaluator: new Evaluator([repo]),
      store,
      logger,
    });
    return { asked, logger, runner, state, store };
  }

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

  it('evaluates the entities a changed one has relations to, whose facts may depend on it', async () => {
    // The components were evaluated before their system existed; the system
    // arrives later and lists them in its hasPart relations.
    const entities = [component('a'), component('b'), component('c')];
    const { asked, runner } = await setUp(entities);
    await runner.evaluateAll();
    asked.length = 0;

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

    expect(asked.sort()).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(outcome).toEqual({ evaluated: 2, retry: [] });
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
