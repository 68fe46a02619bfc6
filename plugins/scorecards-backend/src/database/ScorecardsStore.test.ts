import { mockServices } from '@backstage/backend-test-utils';
import { ScorecardsStore } from './ScorecardsStore';
import { Evaluation } from '../evaluation/Evaluator';
import { createTestDatabases } from '../__testUtils__/testDatabases';

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
      expect(await store.etags()).toEqual(
        new Map([
          ['component:default/a', 'a2'],
          ['component:default/b', 'b1'],
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
      expect([...(await store.etags()).keys()]).toEqual([
        'component:default/b',
      ]);

      await store.keepScorecards(['other']);
      expect(await store.entityResults('component:default/b')).toEqual([]);
    },
  );

  it.each(databases.eachSupportedId())(
    'saves the same entities concurrently without losing either save, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const store = await ScorecardsStore.create({
        database: mockServices.database({ knex }),
      });
      const refs = Array.from(
        { length: 50 },
        (_, i) => `component:default/c${i}`,
      );
      const batch = (level: string | null) =>
        [
          refs.map(ref => evaluation(ref, level)),
          refs.map(ref => ({ entityRef: ref, etag: String(level) })),
        ] as const;
      await Promise.all([
        store.save(...batch('silver')),
        store.save(...batch('bronze')),
        store.save(...batch(null)),
      ]);
      const counts = await store.levelCounts({ scorecardId: 'ready' });
      expect(counts).toHaveLength(1);
      expect(counts[0].count).toBe(50);
    },
  );
});
