import { mockServices } from '@backstage/backend-test-utils';
import { createTestDatabases } from '@internal/test-utils';
import { Knex, knex as createKnex } from 'knex';
import { PrebuildStore, WantedSite } from './PrebuildStore';

jest.setTimeout(60_000);

const databases = createTestDatabases();

const site = (name: string, hash: string): WantedSite => ({
  entityRef: `component:default/${name}`,
  entityUid: `${name}-uid`,
  entityEtag: `${name}-etag`,
  hash,
});

describe.each(databases.eachSupportedId())('PrebuildStore on %s', id => {
  let knex: Knex;
  let store: PrebuildStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    store = await PrebuildStore.create({
      database: mockServices.database({ knex }),
    });
  });

  it('keeps its migrations in its own table, away from other users of the techdocs database', async () => {
    expect(await knex.schema.hasTable('knex_migrations')).toBe(false);
    const done = await knex('techdocs_node_generator_knex_migrations').select(
      'name',
    );
    expect(done.map(m => m.name)).toEqual(['20261201120000_prebuilt_sites.js']);
  });

  it('hands a waiting site to one claimant, and records the state it was built from', async () => {
    await store.want([site('a', 'h1')]);
    const claim = await store.claimNext(60_000);
    expect(claim).toMatchObject({
      entityRef: 'component:default/a',
      wantedHash: 'h1',
      sourceHash: null,
    });
    expect(await store.claimNext(60_000)).toBeUndefined();

    const recorded = await store.finish(claim!, {
      hash: 'h1',
      entityUid: 'a-uid',
      entityEtag: 'a-etag',
      outcome: { status: 'built', pageCount: 3, builtAt: new Date(1000) },
    });
    expect(recorded).toBe(true);
    const row = (await store.getSites(['component:default/a'])).get(
      'component:default/a',
    );
    expect(row).toMatchObject({
      wantedHash: 'h1',
      sourceHash: 'h1',
      status: 'built',
      pageCount: 3,
      builtAt: new Date(1000),
      claimedBy: null,
      claimedUntil: null,
    });
    // Built from what is wanted: nothing waits.
    expect(await store.claimNext(60_000)).toBeUndefined();
    expect(await store.countWaiting()).toBe(0);
  });

  it('gives concurrent claimants different sites, each once', async () => {
    await store.want(Array.from({ length: 20 }, (_, i) => site(`s${i}`, 'h1')));
    // Another instance: its own connection pool on the same database.
    const otherKnex = createKnex(knex.client.config);
    const other = await PrebuildStore.create({
      database: mockServices.database({ knex: otherKnex }),
    });
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? store : other).claimNext(60_000),
      ),
    );
    await otherKnex.destroy();
    const claimed = claims.filter(Boolean).map(c => c!.entityRef);
    expect(claimed).toHaveLength(20);
    expect(new Set(claimed).size).toBe(20);
  });

  it('claims a batch of the sites waiting longest in one statement, and concurrent claimants get different ones', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `s${i}`);
    await store.want(names.map(n => site(n, 'h1')));
    // Waiting in another order than written: s0 the longest, then s18, s11...
    const minutesWaiting = (i: number) => 100 - ((i * 7) % 25);
    for (const [i, n] of names.entries()) {
      await knex('techdocs_prebuilt_sites')
        .where('entity_ref', `component:default/${n}`)
        .update({
          updated_at: knex.raw(`now() - ? * interval '1 minute'`, [
            minutesWaiting(i),
          ]),
        });
    }
    const first = await store.claim(10, 60_000);
    const longestWaiting = names
      .map((n, i) => ({ ref: `component:default/${n}`, m: minutesWaiting(i) }))
      .sort((a, b) => b.m - a.m)
      .map(x => x.ref);
    expect(first.map(c => c.entityRef)).toEqual(longestWaiting.slice(0, 10));
    expect(new Set(first.map(c => c.claimedBy)).size).toBe(1);

    const otherKnex = createKnex(knex.client.config);
    const other = await PrebuildStore.create({
      database: mockServices.database({ knex: otherKnex }),
    });
    const batches = await Promise.all([
      store.claim(10, 60_000),
      other.claim(10, 60_000),
      store.claim(10, 60_000),
    ]);
    await otherKnex.destroy();
    const claimed = batches.flat().map(c => c.entityRef);
    expect(claimed).toHaveLength(15);
    expect(new Set([...claimed, ...first.map(c => c.entityRef)]).size).toBe(25);
    expect(await store.claim(10, 60_000)).toEqual([]);
  });

  it('renews and releases the claims it still holds, and not one passed on', async () => {
    await store.want([site('a', 'h1'), site('b', 'h1'), site('c', 'h1')]);
    const claims = await store.claim(10, 60_000);
    const claimedUntil = async () =>
      Object.fromEntries(
        (
          await knex('techdocs_prebuilt_sites').select(
            'entity_ref',
            knex.raw(
              "claimed_until > now() + interval '30 minutes' AS renewed",
            ),
          )
        ).map(r => [r.entity_ref.slice(-1), r.renewed]),
      );
    // c's claim expired and passed on to another instance.
    await knex('techdocs_prebuilt_sites')
      .where('entity_ref', 'component:default/c')
      .update({ claimed_by: 'elsewhere' });

    await store.renew(claims, 60 * 60_000);
    expect(await claimedUntil()).toEqual({ a: true, b: true, c: false });
    expect(await store.claim(10, 60_000)).toEqual([]);

    await store.release(claims.slice(0, 1));
    expect((await store.claim(10, 60_000)).map(c => c.entityRef)).toEqual([
      'component:default/a',
    ]);
    await store.release(claims);
    const holders = await knex('techdocs_prebuilt_sites')
      .orderBy('entity_ref')
      .pluck('claimed_by');
    expect(holders).toEqual([expect.any(String), null, 'elsewhere']);
  });

  it('passes an expired claim on, and the first claimant can no longer record its result', async () => {
    await store.want([site('a', 'h1')]);
    const first = await store.claimNext(1);
    await knex('techdocs_prebuilt_sites').update({
      claimed_until: knex.raw("now() - interval '1 second'"),
    });
    const second = await store.claimNext(60_000);
    expect(second?.entityRef).toBe('component:default/a');
    expect(
      await store.finish(first!, {
        hash: 'h1',
        entityUid: 'a-uid',
        entityEtag: null,
        outcome: { status: 'failed', reason: 'late' },
      }),
    ).toBe(false);
  });

  it('keeps a state announced during a build waiting, and resolves it when the build reached it', async () => {
    await store.want([site('a', 'h1'), site('b', 'h1')]);
    const a = await store.claimNext(60_000);
    const b = await store.claimNext(60_000);
    // While both build, the catalog announces new states.
    await store.want([site('a', 'h2'), site('b', 'h2')]);
    // a was built from the older entity, b (fetched later) from the newer one.
    for (const [claim, hash] of [
      [a!, 'h1'],
      [b!, 'h2'],
    ] as const) {
      await store.finish(claim, {
        hash,
        entityUid: 'uid',
        entityEtag: null,
        outcome: { status: 'failed', reason: 'no mkdocs.yml' },
      });
    }
    const rows = await store.getSites([a!.entityRef, b!.entityRef]);
    expect(rows.get(a!.entityRef)).toMatchObject({
      wantedHash: 'h2',
      sourceHash: 'h1',
    });
    expect(rows.get(b!.entityRef)).toMatchObject({
      wantedHash: 'h2',
      sourceHash: 'h2',
      status: 'failed',
      failureReason: 'no mkdocs.yml',
    });
    expect((await store.claimNext(60_000))?.entityRef).toBe(a!.entityRef);
    expect(await store.claimNext(60_000)).toBeUndefined();
  });

  it('holds a deferred site until its delay is over', async () => {
    await store.want([site('a', 'h1')]);
    const claim = await store.claimNext(60_000);
    await store.defer(claim!, 60_000);
    expect(await store.claimNext(60_000)).toBeUndefined();
    await knex('techdocs_prebuilt_sites').update({
      claimed_until: knex.raw("now() - interval '1 second'"),
    });
    expect((await store.claimNext(60_000))?.entityRef).toBe(
      'component:default/a',
    );
  });

  it('forgets the unseen rows written before a listing, but not new ones or ones being built', async () => {
    await store.want([site('seen', 'h'), site('gone', 'h'), site('busy', 'h')]);
    await knex('techdocs_prebuilt_sites')
      .whereNot('entity_ref', 'component:default/busy')
      .update({ updated_at: knex.raw("now() - interval '1 hour'") });
    await knex('techdocs_prebuilt_sites')
      .where('entity_ref', 'component:default/busy')
      .update({
        updated_at: knex.raw("now() - interval '1 hour'"),
        claimed_by: 'elsewhere',
        claimed_until: knex.raw("now() + interval '1 hour'"),
      });
    const listingStart = await store.now();
    await store.want([site('new', 'h')]);

    const forgotten = await store.forgetUnseen(
      new Set(['component:default/seen']),
      listingStart,
    );
    expect(forgotten).toEqual(['component:default/gone']);
    const left = await knex('techdocs_prebuilt_sites')
      .orderBy('entity_ref')
      .pluck('entity_ref');
    expect(left).toEqual([
      'component:default/busy',
      'component:default/new',
      'component:default/seen',
    ]);
  });

  it('migrates down and up again', async () => {
    await store.want([site('a', 'h1')]);
    await knex.migrate.rollback(
      {
        directory: `${__dirname}/../../migrations`,
        tableName: 'techdocs_node_generator_knex_migrations',
      },
      true,
    );
    expect(await knex.schema.hasTable('techdocs_prebuilt_sites')).toBe(false);
    await PrebuildStore.create({ database: mockServices.database({ knex }) });
    expect(await knex('techdocs_prebuilt_sites').count()).toEqual([
      { count: '0' },
    ]);
  });
});
