import { randomUUID } from 'node:crypto';
import os from 'node:os';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-techdocs-backend-module-node-generator',
  'migrations',
);
/** Its own migrations table: other TechDocs modules may share the plugin's database. */
const MIGRATIONS_TABLE = 'techdocs_node_generator_knex_migrations';
const TABLE = 'techdocs_prebuilt_sites';
/** Rows per statement: well below Postgres' 65,535 bindings. */
const CHUNK = 1000;

/** The outcome of a finished build. */
export type SiteStatus = 'built' | 'failed';

/** What the store knows of one entity's site. */
export interface PrebuiltSite {
  entityRef: string;
  entityUid: string;
  entityEtag: string | null;
  /** The source state the entity has now, as last seen in the catalog. */
  wantedHash: string;
  /** The source state `status` was reached from; null before the first build. */
  sourceHash: string | null;
  status: SiteStatus | null;
  failureReason: string | null;
  failedAt: Date | null;
  builtAt: Date | null;
  pageCount: number | null;
  claimedBy: string | null;
  claimedUntil: Date | null;
}

/** An entity as the catalog shows it now, to be built if its source state differs. */
export interface WantedSite {
  entityRef: string;
  entityUid: string;
  entityEtag: string | null;
  hash: string;
}

/** A site this instance is building: no other instance claims it until `claimedUntil`. */
export interface SiteClaim {
  entityRef: string;
  /** The wanted state when claimed. */
  wantedHash: string;
  sourceHash: string | null;
  status: SiteStatus | null;
  /** Who holds it: host, process and a claim id. */
  claimedBy: string;
}

/** How a claim ends: the source state reached and, when something was built, the outcome. */
export interface SiteResult {
  hash: string;
  entityUid: string;
  entityEtag: string | null;
  outcome?:
    | { status: 'built'; pageCount: number; builtAt: Date }
    | { status: 'failed'; reason: string };
}

type Row = {
  entity_ref: string;
  entity_uid: string;
  entity_etag: string | null;
  wanted_hash: string;
  source_hash: string | null;
  status: SiteStatus | null;
  failure_reason: string | null;
  failed_at: Date | null;
  built_at: Date | null;
  page_count: number | null;
  claimed_by: string | null;
  claimed_until: Date | null;
  updated_at: Date;
};

/**
 * The prebuild state of each documented entity's site, in the TechDocs
 * plugin's Postgres database: shared by replicas, kept across restarts.
 *
 * A row is waiting to be built while its `wanted_hash` (the source state the
 * catalog shows) differs from its `source_hash` (the state of the last
 * finished build). Builders take such rows a few at a time with a claim that
 * expires, through `FOR UPDATE SKIP LOCKED`, so that two instances never
 * build the same site at once and a crashed one's claims pass on.
 */
export class PrebuildStore {
  /** Runs the migrations (unless `database.migrations.skip`), on Postgres only. */
  static async create(options: {
    database: DatabaseService;
  }): Promise<PrebuildStore> {
    const knex = await options.database.getClient();
    assertPostgres(knex);
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({
        directory: migrationsDir,
        tableName: MIGRATIONS_TABLE,
      });
    }
    return new PrebuildStore(knex);
  }

  /** Names this instance in claims. */
  private readonly instance = `${os.hostname()}:${process.pid}`;

  private constructor(private readonly db: Knex) {}

  /** The database's clock, which every claim and pass is measured with. */
  async now(): Promise<Date> {
    const { rows } = await this.db.raw<{ rows: Array<{ now: Date }> }>(
      'SELECT now() AS now',
    );
    return rows[0].now;
  }

  /** The rows of these entities, by entity ref. */
  async getSites(entityRefs: string[]): Promise<Map<string, PrebuiltSite>> {
    const sites = new Map<string, PrebuiltSite>();
    for (const refs of chunks([...new Set(entityRefs)])) {
      const rows = await this.db<Row>(TABLE).whereIn('entity_ref', refs);
      for (const row of rows) sites.set(row.entity_ref, fromRow(row));
    }
    return sites;
  }

  /**
   * Records the source state each entity has now (inserting rows for new
   * ones). A row whose state then differs from its last build's waits to be
   * built; one whose state is back to its last build's waits no more.
   */
  async want(sites: WantedSite[]): Promise<void> {
    for (const batch of chunks(sites)) {
      await this.db(TABLE)
        .insert(
          batch.map(s => ({
            entity_ref: s.entityRef,
            entity_uid: s.entityUid,
            entity_etag: s.entityEtag,
            wanted_hash: s.hash,
            updated_at: this.db.fn.now(),
          })),
        )
        .onConflict('entity_ref')
        .merge(['entity_uid', 'entity_etag', 'wanted_hash', 'updated_at']);
    }
  }

  /**
   * Claims up to `limit` of the sites waiting longest that no one holds, for
   * `ttlMs`, in one statement, longest waiting first; none when nothing is
   * waiting. Concurrent callers get different sites.
   */
  async claim(limit: number, ttlMs: number): Promise<SiteClaim[]> {
    const claimedBy = `${this.instance}:${randomUUID()}`;
    const { rows } = await this.db.raw<{ rows: Row[] }>(
      `WITH picked AS (
         SELECT entity_ref FROM ${TABLE}
          WHERE (source_hash IS NULL OR wanted_hash <> source_hash)
            AND (claimed_until IS NULL OR claimed_until < now())
          ORDER BY updated_at
          LIMIT ?
          FOR UPDATE SKIP LOCKED)
       UPDATE ${TABLE} AS site
          SET claimed_by = ?, claimed_until = now() + ? * interval '1 millisecond'
         FROM picked
        WHERE site.entity_ref = picked.entity_ref
       RETURNING site.*`,
      [limit, claimedBy, ttlMs],
    );
    return rows
      .sort((a, b) => a.updated_at.getTime() - b.updated_at.getTime())
      .map(row => ({
        entityRef: row.entity_ref,
        wantedHash: row.wanted_hash,
        sourceHash: row.source_hash,
        status: row.status,
        claimedBy,
      }));
  }

  /** {@link PrebuildStore.claim} of one site. */
  async claimNext(ttlMs: number): Promise<SiteClaim | undefined> {
    const [claim] = await this.claim(1, ttlMs);
    return claim;
  }

  /** Holds these claims, where they are still held, until `ttlMs` from now. */
  async renew(claims: SiteClaim[], ttlMs: number): Promise<void> {
    if (claims.length === 0) return;
    await this.whereHeld(claims).update({
      claimed_until: this.db.raw("now() + ? * interval '1 millisecond'", [
        ttlMs,
      ]),
    });
  }

  /**
   * Records what a claim reached and releases it. The wanted state becomes
   * the one reached unless the catalog announced another while it was being
   * built (that one then waits for its own build). False when the claim was
   * lost: the row was dropped (its entity left the catalog) or the claim
   * expired and passed on.
   */
  async finish(claim: SiteClaim, result: SiteResult): Promise<boolean> {
    const { outcome } = result;
    const updated = await this.db(TABLE)
      .where({ entity_ref: claim.entityRef, claimed_by: claim.claimedBy })
      .update({
        source_hash: result.hash,
        wanted_hash: this.db.raw(
          'CASE WHEN wanted_hash = ? THEN ? ELSE wanted_hash END',
          [claim.wantedHash, result.hash],
        ),
        entity_uid: result.entityUid,
        entity_etag: result.entityEtag,
        ...(outcome?.status === 'built' && {
          status: 'built',
          built_at: outcome.builtAt,
          page_count: outcome.pageCount,
        }),
        ...(outcome?.status === 'failed' && {
          status: 'failed',
          failure_reason: outcome.reason,
          failed_at: this.db.fn.now(),
        }),
        claimed_by: null,
        claimed_until: null,
        updated_at: this.db.fn.now(),
      });
    return updated > 0;
  }

  /** Keeps the claim, untouched, until `delayMs` from now: the site is tried again after that. */
  async defer(claim: SiteClaim, delayMs: number): Promise<void> {
    await this.db(TABLE)
      .where({ entity_ref: claim.entityRef, claimed_by: claim.claimedBy })
      .update({
        claimed_until: this.db.raw("now() + ? * interval '1 millisecond'", [
          delayMs,
        ]),
      });
  }

  /** Gives the claims up without a result: their sites wait as before. */
  async release(claims: SiteClaim[]): Promise<void> {
    if (claims.length === 0) return;
    await this.whereHeld(claims).update({
      claimed_by: null,
      claimed_until: null,
    });
  }

  /** Drops the claimed row: its entity left the catalog. False when the row was already gone. */
  async drop(claim: SiteClaim): Promise<boolean> {
    const deleted = await this.db(TABLE)
      .where({ entity_ref: claim.entityRef, claimed_by: claim.claimedBy })
      .delete();
    return deleted > 0;
  }

  /** Forgets these entities (they are no longer documented). */
  async forget(entityRefs: string[]): Promise<number> {
    let deleted = 0;
    for (const refs of chunks(entityRefs)) {
      deleted += await this.db(TABLE).whereIn('entity_ref', refs).delete();
    }
    return deleted;
  }

  /**
   * Forgets the rows of entities not in `seen` (a complete listing of the
   * documented entities) that were last written before `before`, the start
   * of that listing, and that no one is building. Returns their refs.
   */
  async forgetUnseen(seen: Set<string>, before: Date): Promise<string[]> {
    const unclaimed = (q: Knex.QueryBuilder) =>
      q
        .where('updated_at', '<', before)
        .andWhere(c =>
          c
            .whereNull('claimed_until')
            .orWhere('claimed_until', '<', this.db.fn.now()),
        );
    const rows: Array<{ entity_ref: string }> = await unclaimed(
      this.db(TABLE),
    ).select('entity_ref');
    const forgotten: string[] = [];
    const unseen = rows.map(r => r.entity_ref).filter(ref => !seen.has(ref));
    for (const refs of chunks(unseen)) {
      const deleted: Array<{ entity_ref: string }> = await unclaimed(
        this.db(TABLE).whereIn('entity_ref', refs),
      )
        .delete()
        .returning('entity_ref');
      forgotten.push(...deleted.map(d => d.entity_ref));
    }
    return forgotten;
  }

  /**
   * When the first claim on a waiting site runs out (a deferral, or a build
   * by an instance that stopped): the site can be claimed again then.
   */
  async nextClaimExpiry(): Promise<Date | undefined> {
    const [row] = await this.db(TABLE)
      .where(q =>
        q.whereNull('source_hash').orWhereRaw('wanted_hash <> source_hash'),
      )
      .where('claimed_until', '>', this.db.fn.now())
      .min<Array<{ min: Date | string | null }>>({ min: 'claimed_until' });
    return row?.min ? new Date(row.min) : undefined;
  }

  /** The rows of these claims, where they are still held (at most a batch of them). */
  private whereHeld(claims: SiteClaim[]): Knex.QueryBuilder {
    return this.db(TABLE).whereIn(
      ['entity_ref', 'claimed_by'],
      claims.map(c => [c.entityRef, c.claimedBy]),
    );
  }

  /** Sites waiting to be built, by anyone. */
  async countWaiting(): Promise<number> {
    const [{ count }] = await this.db(TABLE)
      .where(q =>
        q.whereNull('source_hash').orWhereRaw('wanted_hash <> source_hash'),
      )
      .count<Array<{ count: string | number }>>({ count: '*' });
    return Number(count);
  }
}

function fromRow(row: Row): PrebuiltSite {
  return {
    entityRef: row.entity_ref,
    entityUid: row.entity_uid,
    entityEtag: row.entity_etag,
    wantedHash: row.wanted_hash,
    sourceHash: row.source_hash,
    status: row.status,
    failureReason: row.failure_reason,
    failedAt: row.failed_at,
    builtAt: row.built_at,
    pageCount: row.page_count,
    claimedBy: row.claimed_by,
    claimedUntil: row.claimed_until,
  };
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) {
    out.push(items.slice(i, i + CHUNK));
  }
  return out;
}

function assertPostgres(knex: Knex): void {
  const configured = knex.client.config.client;
  const client =
    typeof configured === 'function'
      ? configured.name
      : String(configured ?? 'unknown');
  if (!['pg', 'postgres', 'postgresql'].includes(client)) {
    throw new Error(
      `The TechDocs Node generator keeps its prebuild state in PostgreSQL, but the techdocs database uses the '${client}' client; set backend.database.client to 'pg'`,
    );
  }
}
