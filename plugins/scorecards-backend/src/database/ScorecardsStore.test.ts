import { mockServices } from '@backstage/backend-test-utils';
import { ScorecardsStore } from './ScorecardsStore';
import { Evaluation } from '../evaluation/Evaluator';
import { createTestDatabases } from '@internal/test-utils';

const databases = createTestDatabases();

const evaluation = (
  entityRef: string,
  level: string | null,
  failing: string[] = [],
  extra: Partial<Evaluation> = {},
): Evaluation => {
  const checks = ['a', 'b', 'c'].map(checkId =>
    failing.includes(checkId)
      ? { checkId, status: 'fail' as const, reason: `${checkId} is not set` }
      : { checkId, status: 'pass' as const },
  );
  return {
    entityRef,
    scorecardId: 'ready',
    level,
    levelIndex: level === null ? -1 : ['bronze', 'silver'].indexOf(level),
    passed: 3 - failing.length,
    total: 3,
    checks,
    definitionHash: 'v1',
    ownerRef: 'group:default/team-a',
    systemRef: 'system:default/shop',
    ...extra,
  };
};

describe('ScorecardsStore', () => {
  it.each(databases.eachSupportedId())(
    'stores results, reports level drops, aggregates, drills down and keeps daily history, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      const day1 = new Date('2026-11-20T10:00:00Z');
      const day2 = new Date('2026-11-21T10:00:00Z');

      expect(
        await store.save(
          [
            evaluation('component:default/a', 'silver'),
            evaluation('component:default/b', 'bronze', ['c']),
          ],
          [
            { entityRef: 'component:default/a', etag: 'a1' },
            { entityRef: 'component:default/b', etag: 'b1' },
          ],
          day1,
        ),
      ).toEqual([]);

      const drops = await store.save(
        [
          evaluation('component:default/a', null, ['a', 'c'], {
            ownerRef: 'group:default/team-b',
          }),
        ],
        [{ entityRef: 'component:default/a', etag: 'a2' }],
        day2,
      );
      expect(drops).toEqual([
        {
          entityRef: 'component:default/a',
          scorecardId: 'ready',
          from: 'silver',
          to: null,
          ownerRef: 'group:default/team-b',
        },
      ]);

      expect(await store.entityResults('component:default/a')).toEqual([
        {
          scorecardId: 'ready',
          entityRef: 'component:default/a',
          level: null,
          levelIndex: -1,
          passed: 1,
          total: 3,
          checks: [
            { checkId: 'a', status: 'fail', reason: 'a is not set' },
            { checkId: 'b', status: 'pass' },
            { checkId: 'c', status: 'fail', reason: 'c is not set' },
          ],
          evaluatedAt: day2.toISOString(),
        },
      ]);
      expect(await store.evaluatedEntities()).toEqual(
        new Map([
          ['component:default/a', { etag: 'a2', evaluatedAt: day2 }],
          ['component:default/b', { etag: 'b1', evaluatedAt: day1 }],
        ]),
      );

      expect(await store.levelCounts({ scorecardId: 'ready' })).toEqual([
        { scorecardId: 'ready', level: null, count: 1 },
        { scorecardId: 'ready', level: 'bronze', count: 1 },
      ]);
      expect(
        (await store.checkCounts({})).sort((x, y) =>
          x.checkId.localeCompare(y.checkId),
        ),
      ).toEqual([
        { scorecardId: 'ready', checkId: 'a', fail: 1, error: 0 },
        { scorecardId: 'ready', checkId: 'c', fail: 2, error: 0 },
      ]);
      expect(
        await store.levelCounts({ ownerRefs: ['group:default/team-a'] }),
      ).toEqual([{ scorecardId: 'ready', level: 'bronze', count: 1 }]);
      expect(
        await store.levelCounts({ visibleRefs: ['component:default/a'] }),
      ).toEqual([{ scorecardId: 'ready', level: null, count: 1 }]);
      expect(
        await store.levelCounts({ hiddenRefs: ['component:default/a'] }),
      ).toEqual([{ scorecardId: 'ready', level: 'bronze', count: 1 }]);
      expect(await store.levelCounts({ hiddenRefs: [] })).toHaveLength(2);

      expect(
        await store.checkEntities({ scorecardId: 'ready' }, 'c', 'fail'),
      ).toEqual([
        {
          entityRef: 'component:default/a',
          status: 'fail',
          reason: 'c is not set',
          level: null,
        },
        {
          entityRef: 'component:default/b',
          status: 'fail',
          reason: 'c is not set',
          level: 'bronze',
        },
      ]);
      expect(
        await store.checkEntities({ scorecardId: 'ready' }, 'a', 'pass'),
      ).toEqual([
        {
          entityRef: 'component:default/b',
          status: 'pass',
          reason: undefined,
          level: 'bronze',
        },
      ]);

      expect(
        await store.history(
          { scorecardId: 'ready' },
          30,
          new Date('2026-11-22T00:00:00Z'),
        ),
      ).toEqual([
        {
          day: '2026-11-20',
          levels: [
            { level: 'bronze', count: 1 },
            { level: 'silver', count: 1 },
          ],
        },
        { day: '2026-11-21', levels: [{ level: null, count: 1 }] },
      ]);

      await store.deleteEntities(['component:default/a']);
      expect(await store.entityResults('component:default/a')).toEqual([]);
      expect(
        await store.history(
          { scorecardId: 'ready', entityRef: 'component:default/a' },
          30,
          day2,
        ),
      ).toEqual([]);
      expect([...(await store.evaluatedEntities()).keys()]).toEqual([
        'component:default/b',
      ]);

      await store.keepScorecards(['other']);
      expect(await store.entityResults('component:default/b')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'loses neither of two concurrent saves of the same entities, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      const refs = (prefix: string) =>
        Array.from({ length: 50 }, (_, i) => `component:default/${prefix}${i}`);
      const shared = refs('shared-');
      const onlyA = refs('a-');
      const onlyB = refs('b-');
      const save = (ids: string[], level: string | null, etag: string) =>
        store.save(
          ids.map(ref => evaluation(ref, level)),
          ids.map(ref => ({ entityRef: ref, etag })),
        );
      const drops = (ids: string[], from: string | null, to: string | null) =>
        ids.map(entityRef => ({
          entityRef,
          scorecardId: 'ready',
          from,
          to,
          ownerRef: 'group:default/team-a',
        }));

      await save(shared, 'silver', 'before');
      // A lowers the shared entities to bronze, B to no level; each also
      // saves entities of its own.
      const [dropsA, dropsB] = await Promise.all([
        save([...shared, ...onlyA], 'bronze', 'A'),
        save([...shared, ...onlyB], null, 'B'),
      ]);

      // Each save's own entities are there, with its level and etag.
      const evaluated = await store.evaluatedEntities();
      const etags = new Map(
        [...evaluated].map(([ref, { etag }]) => [ref, etag]),
      );
      expect(onlyA.map(ref => etags.get(ref))).toEqual(onlyA.map(() => 'A'));
      expect(onlyB.map(ref => etags.get(ref))).toEqual(onlyB.map(() => 'B'));
      expect(await store.levelCounts({ visibleRefs: onlyA })).toEqual([
        { scorecardId: 'ready', level: 'bronze', count: 50 },
      ]);
      expect(await store.levelCounts({ visibleRefs: onlyB })).toEqual([
        { scorecardId: 'ready', level: null, count: 50 },
      ]);

      // The saves of the shared entities took turns: the later one holds
      // them all, results and etags, and saw the earlier one's levels, so
      // the drops reported are the earlier save's from silver and the later
      // save's from the earlier one's level.
      const last = etags.get(shared[0]);
      expect(shared.map(ref => etags.get(ref))).toEqual(shared.map(() => last));
      expect(['A', 'B']).toContain(last);
      const expected =
        last === 'B'
          ? {
              levels: [{ scorecardId: 'ready', level: null, count: 50 }],
              dropsA: drops(shared, 'silver', 'bronze'),
              dropsB: drops(shared, 'bronze', null),
            }
          : {
              levels: [{ scorecardId: 'ready', level: 'bronze', count: 50 }],
              dropsA: [],
              dropsB: drops(shared, 'silver', null),
            };
      expect({
        levels: await store.levelCounts({ visibleRefs: shared }),
        dropsA,
        dropsB,
      }).toEqual(expected);
    },
  );

  it.each(databases.eachSupportedId())(
    'rewrites only what changed: a result when it changes, a history row once a day, the evaluation time always, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      const a = { entityRef: 'component:default/a', etag: 'a1' };
      const at = (time: string) => new Date(`2026-11-20T${time}:00Z`);
      const stored = async () => ({
        results: await knex('scorecard_results').select(
          'level',
          'evaluated_at',
        ),
        history: await knex('scorecard_history')
          .select(knex.raw("to_char(day, 'YYYY-MM-DD') AS day"), 'level')
          .orderBy('day'),
      });

      await store.save([evaluation(a.entityRef, 'silver')], [a], at('10:00'));
      await store.save([evaluation(a.entityRef, 'silver')], [a], at('11:00'));
      expect(await stored()).toEqual({
        results: [{ level: 'silver', evaluated_at: at('10:00') }],
        history: [{ day: '2026-11-20', level: 'silver' }],
      });
      expect(
        (await store.entityResults(a.entityRef)).map(r => r.evaluatedAt),
      ).toEqual([at('11:00').toISOString()]);

      await store.save(
        [evaluation(a.entityRef, 'bronze', ['c'])],
        [a],
        at('12:00'),
      );
      const nextDay = new Date('2026-11-21T09:00:00Z');
      await store.save(
        [evaluation(a.entityRef, 'bronze', ['c'])],
        [a],
        nextDay,
      );
      expect(await stored()).toEqual({
        results: [{ level: 'bronze', evaluated_at: at('12:00') }],
        history: [
          { day: '2026-11-20', level: 'bronze' },
          { day: '2026-11-21', level: 'bronze' },
        ],
      });
    },
  );

  it.each(databases.eachSupportedId())(
    'keeps the full runs asked for, oldest first, until a run that read them forgets them, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      // another replica's store, on the same database
      const other = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      expect(await store.fullRunRequests()).toEqual([]);

      await store.requestFullRun('definitions');
      await other.requestFullRun('refresh');
      const requested = await other.fullRunRequests();
      expect(requested.map(r => r.reason)).toEqual(['definitions', 'refresh']);
      expect(requested[0].id).toBeLessThan(requested[1].id);

      // a run that read them forgets them once it has ended, not the ones
      // asked for meanwhile
      await store.requestFullRun('refresh');
      await other.forgetFullRunRequests(requested[1].id);
      expect((await store.fullRunRequests()).map(r => r.reason)).toEqual([
        'refresh',
      ]);
    },
  );
});
