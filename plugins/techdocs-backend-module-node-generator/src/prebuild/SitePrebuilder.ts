import { setTimeout as sleep } from 'node:timers/promises';
import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  Entity,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { PublisherBase } from '@backstage/plugin-techdocs-node';
import {
  PrebuildStore,
  PrebuiltSite,
  SiteClaim,
  SiteResult,
  WantedSite,
} from './PrebuildStore';
import { SiteBuilder, countPages, isTransient } from './SiteBuilder';
import {
  SOURCE_FIELDS,
  TECHDOCS_REF,
  isDocumented,
  sourceStateHash,
} from './sourceState';

const PAGE_SIZE = 500;
/** How long a claim holds; a build is capped well below this by the generator's limits. */
const CLAIM_TTL_MS = 15 * 60_000;
/** Sites claimed together, whose entities one catalog request fetches. */
const BATCH_SIZE = 10;
/**
 * Before a build, a batch's claims still held are renewed once this long
 * passed since they were taken or renewed: each build starts with nearly a
 * whole TTL, as a site claimed alone would.
 */
const RENEW_AFTER_MS = 60_000;
/** A site whose source could not be fetched (network, 5xx) is tried again after this long. */
const DEFER_MS = 10 * 60_000;
/** While the catalog, the database or the publisher fails: first pause, doubling up to the max. */
const UNAVAILABLE_BACKOFF_START_MS = 5_000;
const UNAVAILABLE_BACKOFF_MAX_MS = 60_000;
/**
 * The longest pause after one step, however long it took: a step that waited
 * on the network (a source that timed out) was not work, and the batch's
 * claims are renewed only between steps.
 */
const MAX_PAUSE_MS = 30_000;
/** Builds wait this long at most for the change feed to go quiet. */
const MAX_HOLD_MS = 30_000;
/** Entities named in a summary line, per kind of outcome. */
const EXAMPLES = 3;
const REASON_CHARS = 200;

/** What happened to one claimed site, for the summary. */
type Outcome =
  | { kind: 'built' | 'adopted' | 'unchanged' }
  | { kind: 'failed' | 'deferred' | 'dropped'; reason: string };

/** A finished build, recorded once the catalog shows its entity is still there. */
type Build = {
  claim: SiteClaim;
  entity: Entity;
  result: SiteResult & { outcome: NonNullable<SiteResult['outcome']> };
};

type Tally = {
  counts: Record<Outcome['kind'], number>;
  examples: Record<'failed' | 'deferred' | 'dropped', string[]>;
};

/** Options of {@link SitePrebuilder.create}. */
export interface SitePrebuilderOptions {
  store: PrebuildStore;
  builder: SiteBuilder;
  /** TechDocs' publisher: a site it already has is adopted, not rebuilt, when first seen. */
  publisher: PublisherBase;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** Sites built at the same time by this instance (default 1). */
  concurrency?: number;
  /** Pause after each build at the least (default 100 ms). */
  pauseBetweenBuildsMs?: number;
  /**
   * The share of the time each of the `concurrency` loops may spend working
   * (default 0.05): after a step that took `t` (a build with its recording, or
   * a batch's catalog requests and writes), it pauses `t × (1 − share) / share`,
   * up to 30 s, if longer than `pauseBetweenBuildsMs`. Builds are background
   * work: the backlog of a 10,000-entity ingestion takes longer to work off,
   * not the catalog's latency.
   */
  share?: number;
  /** The clock work is measured with, in ms (default `performance.now`); tests move it on. */
  now?: () => number;
  /**
   * Builds wait while the change feed delivered a batch less than this long
   * ago (default 3000 ms), up to 30 s: during ingestion the catalog goes first.
   */
  catalogQuietMs?: number;
  /** While builds run, a summary line at most this often (default 60 000 ms), and one when they end. */
  summaryIntervalMs?: number;
}

/** The outcome of one reconciliation pass. */
export interface ReconcileResult {
  documented: number;
  queued: number;
  forgotten: number;
}

/**
 * Builds the sites of documented entities before anyone opens them, once per
 * change of what decides their build (see `sourceStateHash`), with the state
 * in Postgres ({@link PrebuildStore}) so that a restart rebuilds nothing and
 * replicas share the work.
 *
 * - `handleChanges` takes the catalog's change feed: it fetches the changed
 *   entities and marks the sites whose source state changed.
 * - `reconcile` is the slow safety net (hourly): it lists the documented
 *   entities with the fields that matter, marks those with no or stale state,
 *   and forgets the rows of entities gone from the catalog.
 * - Marked sites are claimed ten at a time, their entities fetched with
 *   one catalog request, and built one at a time (or `concurrency`), behind
 *   the catalog: builds wait while the change feed is busy, and pause after
 *   each step so that building takes at most `share` of the time (5 %). A
 *   site seen for the first time whose site TechDocs has already published
 *   is adopted, not rebuilt.
 *
 * A failing site is recorded with its reason and not built again until its
 * source state changes. Nothing is logged per entity above debug: each pass
 * writes one summary line.
 */
export class SitePrebuilder {
  /** A prebuilder; call {@link SitePrebuilder.start} once the backend has started. */
  static create(options: SitePrebuilderOptions): SitePrebuilder {
    const concurrency = options.concurrency ?? 1;
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(
        `techdocs.nodeGenerator.prebuild.concurrency must be a whole number ≥ 1, got ${concurrency}`,
      );
    }
    const share = options.share ?? 0.05;
    if (!(share > 0 && share <= 1)) {
      throw new Error(
        `techdocs.nodeGenerator.prebuild.share must be a number in (0, 1], got ${share}`,
      );
    }
    return new SitePrebuilder(options, concurrency, share);
  }

  private readonly pauseMs: number;
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly summaryIntervalMs: number;
  private readonly closing = new AbortController();
  private draining: Promise<void> | undefined;
  private wakeRequested = false;
  private wakeTimer: { at: number; timer: NodeJS.Timeout } | undefined;
  private lastChangeAt = 0;
  private pausedUntil = 0;
  private unavailable: { count: number; since: number } | undefined;
  private tally: Tally = emptyTally();
  private lastSummaryAt = Date.now();

  private constructor(
    private readonly options: SitePrebuilderOptions,
    private readonly concurrency: number,
    private readonly share: number,
  ) {
    this.pauseMs = options.pauseBetweenBuildsMs ?? 100;
    this.now = options.now ?? (() => performance.now());
    this.quietMs = options.catalogQuietMs ?? 3000;
    this.summaryIntervalMs = options.summaryIntervalMs ?? 60_000;
  }

  /** Builds what is waiting, left by a restart or by another instance. */
  start(): void {
    this.wake();
  }

  /** Stops after the builds in progress; their claims are released. */
  async close(): Promise<void> {
    this.closing.abort();
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    await this.idle();
  }

  /** Resolves when this instance builds nothing and has nothing left to build. */
  async idle(): Promise<void> {
    while (this.draining) await this.draining;
  }

  /**
   * The change feed's handler: marks the changed entities whose source state
   * differs, and forgets those no longer documented. Returns the refs to look
   * at again: not found (not stitched yet, or deleted) or with an unchanged
   * etag (not stitched yet).
   *
   * @throws when the catalog or the database fails (the feed tries the batch again).
   */
  async handleChanges(entityRefs: string[]): Promise<{ retry: string[] }> {
    this.lastChangeAt = Date.now();
    const { catalog, auth, store, logger } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs, fields: SOURCE_FIELDS },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const retry: string[] = [];
    const present: Array<{ ref: string; key: string; entity: Entity }> = [];
    entityRefs.forEach((ref, i) => {
      const entity = items[i];
      if (entity)
        present.push({ ref, key: stringifyEntityRef(entity), entity });
      else retry.push(ref);
    });
    const rows = await store.getSites(present.map(p => p.key));

    const wanted: WantedSite[] = [];
    const forget: string[] = [];
    let queued = 0;
    for (const { ref, key, entity } of present) {
      const row = rows.get(key);
      if (!isDocumented(entity)) {
        if (row) forget.push(key);
        continue;
      }
      const site = wantedSite(key, entity);
      if (
        row &&
        row.wantedHash === site.hash &&
        row.entityEtag === site.entityEtag
      ) {
        retry.push(ref); // announced, but the catalog still shows the old entity
        continue;
      }
      wanted.push(site);
      if (becomesWaiting(row, site.hash)) queued += 1;
    }
    await store.want(wanted);
    const forgotten = forget.length ? await store.forget(forget) : 0;
    logger.debug(
      `Docs prebuild: ${entityRefs.length} entities changed, ${queued} sites to build, ${forgotten} no longer documented, ${retry.length} to look at again`,
    );
    if (queued) this.wake();
    return { retry };
  }

  /**
   * One reconciliation pass over the documented entities.
   *
   * @throws when the catalog or the database fails; nothing is marked then.
   */
  async reconcile(options?: {
    signal?: AbortSignal;
  }): Promise<ReconcileResult> {
    const { catalog, auth, store, logger } = this.options;
    const signal = options?.signal;
    const since = await store.now();
    const credentials = await auth.getOwnServiceCredentials();
    const seen = new Set<string>();
    let queued = 0;
    let cursor: string | undefined;
    do {
      signal?.throwIfAborted();
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, fields: SOURCE_FIELDS, limit: PAGE_SIZE }
          : {
              filter: {
                [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
              },
              fields: SOURCE_FIELDS,
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      const entities = page.items.filter(isDocumented);
      const keys = entities.map(e => stringifyEntityRef(e));
      const rows = await store.getSites(keys);
      const wanted: WantedSite[] = [];
      for (const [i, entity] of entities.entries()) {
        const site = wantedSite(keys[i], entity);
        const row = rows.get(site.entityRef);
        seen.add(site.entityRef);
        if (
          !row ||
          row.wantedHash !== site.hash ||
          row.entityEtag !== site.entityEtag
        ) {
          wanted.push(site);
        }
        if (becomesWaiting(row, site.hash)) queued += 1;
      }
      await store.want(wanted);
      cursor = page.pageInfo.nextCursor;
      await new Promise(resolve => setImmediate(resolve));
    } while (cursor);

    const forgotten = await store.forgetUnseen(seen, since);
    const line = `Docs prebuild reconciliation: ${
      seen.size
    } documented entities, ${queued} sites to build, ${
      forgotten.length
    } forgotten (gone from the catalog or no longer documented)${examples(
      forgotten,
    )}`;
    if (queued || forgotten.length) logger.info(line);
    else logger.debug(line);
    // Also sites left waiting: deferred, or claimed by an instance that stopped.
    if (queued || (await store.countWaiting()) > 0) this.wake();
    return { documented: seen.size, queued, forgotten: forgotten.length };
  }

  /**
   * Sites still waiting are claimed by someone until a time (deferred, or
   * being built by another instance, which may stop): look again then.
   */
  private async wakeWhenClaimsExpire(): Promise<void> {
    const at = (await this.options.store.nextClaimExpiry())?.getTime();
    if (at === undefined || this.closing.signal.aborted) return;
    if (this.wakeTimer && this.wakeTimer.at <= at) return;
    if (this.wakeTimer) clearTimeout(this.wakeTimer.timer);
    const timer = setTimeout(() => {
      this.wakeTimer = undefined;
      this.wake();
    }, Math.max(0, at - Date.now()) + 1000);
    timer.unref();
    this.wakeTimer = { at, timer };
  }

  /** Starts draining the waiting sites unless it is already doing so. */
  private wake(): void {
    this.wakeRequested = true;
    if (this.draining || this.closing.signal.aborted) return;
    this.wakeRequested = false;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.wakeRequested) this.wake();
    });
  }

  private async drain(): Promise<void> {
    await Promise.all(
      Array.from({ length: this.concurrency }, () => this.work()),
    );
    await this.summarize();
  }

  /** Claims and builds waiting sites until none is left or the prebuilder closes. */
  private async work(): Promise<void> {
    const { store } = this.options;
    while (!this.closing.signal.aborted) {
      if (Date.now() < this.pausedUntil) {
        await this.sleep(this.pausedUntil - Date.now());
        continue;
      }
      await this.holdWhileCatalogIsBusy();
      let claims: SiteClaim[];
      try {
        claims = await store.claim(BATCH_SIZE, CLAIM_TTL_MS);
        if (claims.length === 0) {
          await this.wakeWhenClaimsExpire();
          return;
        }
      } catch (e) {
        this.unavailableNow(e);
        continue;
      }
      await this.buildBatch(claims);
    }
  }

  /**
   * Builds claimed sites one after another, their entities fetched with one
   * request. A build that produced a site is recorded at once; failed ones
   * (mostly fast: no mkdocs.yml) at the end of the batch, with one request
   * to check that their entities are still there. The claims left when the
   * prebuilder closes or something throws are released.
   */
  private async buildBatch(claims: SiteClaim[]): Promise<void> {
    const { store } = this.options;
    const failures: Build[] = [];
    let next = 0;
    /** The claim being built or recorded, which an error is about. */
    let current: SiteClaim | undefined;
    const recordBuilds = async (builds: Build[]) => {
      const present = await this.stillInCatalog(builds.map(b => b.entity));
      for (let i = 0; builds.length > 0; i++) {
        current = builds[0].claim;
        const outcome = await this.recordBuild(builds[0], present[i]);
        builds.shift();
        current = undefined;
        this.record(outcome.entityRef, outcome.outcome);
      }
    };
    try {
      let workStart = this.now();
      const entities = await this.fetchEntities(claims);
      let renewedAt = Date.now();
      while (next < claims.length && !this.closing.signal.aborted) {
        if (next > 0) {
          await this.holdWhileCatalogIsBusy();
          workStart = this.now();
        }
        if (this.closing.signal.aborted) break;
        if (Date.now() - renewedAt >= RENEW_AFTER_MS) {
          await store.renew(
            [...claims.slice(next), ...failures.map(f => f.claim)],
            CLAIM_TTL_MS,
          );
          renewedAt = Date.now();
        }
        const claim = claims[next];
        current = claim;
        next += 1;
        const entity = entities
          ? entities[next - 1]
          : await this.fetchEntity(claim);
        const done = await this.buildClaimed(claim, entity);
        if (!('claim' in done)) {
          current = undefined;
          this.record(claim.entityRef, done);
        } else if (done.result.outcome.status === 'built') {
          await recordBuilds([done]);
        } else {
          current = undefined;
          failures.push(done);
        }
        this.available();
        const built = 'claim' in done || done.kind === 'deferred';
        await this.pauseAfter(workStart, built ? this.pauseMs : 0);
        if (Date.now() - this.lastSummaryAt >= this.summaryIntervalMs) {
          await this.summarize();
        }
      }
      workStart = this.now();
      await recordBuilds(failures);
      await store.release(claims.slice(next));
      await this.pauseAfter(workStart, 0);
    } catch (e) {
      // An unreachable catalog or database: the site waits as before.
      // Anything else is deferred, not released: a site that throws every
      // time must not be claimed first again and again, ahead of the others.
      const failed = current;
      if (failed && isTransient(e)) {
        await store.release([failed]).catch(() => {});
      } else if (failed) {
        await store
          .defer(failed, DEFER_MS)
          .catch(() => store.release([failed]))
          .catch(() => {});
      }
      const rest = [...claims.slice(next), ...failures.map(f => f.claim)];
      await store.release(rest.filter(c => c !== failed)).catch(() => {});
      this.unavailableNow(e);
    }
  }

  /**
   * The claimed sites' entities (undefined for those gone), with one request.
   * Undefined when that request fails but the catalog answers: one entity
   * may break it, so each is fetched alone.
   *
   * @throws when the catalog is unreachable.
   */
  private async fetchEntities(
    claims: SiteClaim[],
  ): Promise<Array<Entity | undefined> | undefined> {
    const { catalog, auth } = this.options;
    try {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: claims.map(c => c.entityRef) },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return items;
    } catch (e) {
      if (isTransient(e)) throw e;
      return undefined;
    }
  }

  private async fetchEntity(claim: SiteClaim): Promise<Entity | undefined> {
    const { catalog, auth } = this.options;
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: [claim.entityRef] },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items[0];
  }

  /** Builds, adopts or drops one claimed site; a finished build is left to record. */
  private async buildClaimed(
    claim: SiteClaim,
    entity: Entity | undefined,
  ): Promise<Outcome | Build> {
    const { store, builder } = this.options;
    if (!entity || !isDocumented(entity)) {
      await store.drop(claim);
      return {
        kind: 'dropped',
        reason: entity ? 'no longer documented' : 'gone from the catalog',
      };
    }
    const hash = sourceStateHash(entity);
    const base: SiteResult = {
      hash,
      entityUid: entity.metadata.uid ?? '',
      entityEtag: entity.metadata.etag ?? null,
    };
    if (claim.sourceHash === hash) {
      await store.finish(claim, base); // changed back to what was built
      return { kind: 'unchanged' };
    }
    if (claim.sourceHash === null) {
      const published = await this.published(entity);
      if (published) {
        await store.finish(claim, {
          ...base,
          outcome: { status: 'built', ...published },
        });
        return { kind: 'adopted' };
      }
    }

    const built = await builder.build(entity);
    if (built.type === 'deferred') {
      await store.defer(claim, DEFER_MS);
      return { kind: 'deferred', reason: built.reason };
    }
    return {
      claim,
      entity,
      result: {
        ...base,
        outcome:
          built.type === 'built'
            ? {
                status: 'built',
                pageCount: built.pageCount,
                builtAt: new Date(),
              }
            : { status: 'failed', reason: built.reason },
      },
    };
  }

  /** Records a finished build, or drops its row if its entity was deleted meanwhile. */
  private async recordBuild(
    { claim, result }: Build,
    stillInCatalog: boolean,
  ): Promise<{ entityRef: string; outcome: Outcome }> {
    const { store } = this.options;
    const { entityRef } = claim;
    if (!stillInCatalog) {
      await store.drop(claim);
      return {
        entityRef,
        outcome: {
          kind: 'dropped',
          reason: 'deleted while its site was built',
        },
      };
    }
    if (!(await store.finish(claim, result))) {
      return {
        entityRef,
        outcome: {
          kind: 'dropped',
          reason: 'forgotten while its site was built',
        },
      };
    }
    return {
      entityRef,
      outcome:
        result.outcome.status === 'built'
          ? { kind: 'built' }
          : { kind: 'failed', reason: result.outcome.reason },
    };
  }

  /** The site TechDocs has published for the entity, if any. */
  private async published(
    entity: Entity,
  ): Promise<{ pageCount: number; builtAt: Date } | undefined> {
    const { publisher } = this.options;
    if (!(await publisher.hasDocsBeenGenerated(entity))) return undefined;
    try {
      const metadata = await publisher.fetchTechDocsMetadata(
        getCompoundEntityRef(entity),
      );
      return {
        pageCount: countPages(metadata.files),
        builtAt: metadata.build_timestamp
          ? new Date(metadata.build_timestamp)
          : new Date(),
      };
    } catch {
      return undefined; // unreadable metadata: building it again repairs it
    }
  }

  /**
   * For each entity, whether it is still in the catalog with the same uid,
   * with one request (all true when the catalog cannot tell).
   */
  private async stillInCatalog(entities: Entity[]): Promise<boolean[]> {
    if (entities.length === 0) return [];
    const { catalog, auth } = this.options;
    try {
      const { items } = await catalog.getEntitiesByRefs(
        {
          entityRefs: entities.map(e => stringifyEntityRef(e)),
          fields: ['metadata.uid'],
        },
        { credentials: await auth.getOwnServiceCredentials() },
      );
      return entities.map((e, i) => items[i]?.metadata.uid === e.metadata.uid);
    } catch {
      return entities.map(() => true); // the reconciliation forgets it if it is gone
    }
  }

  private record(entityRef: string, outcome: Outcome) {
    this.tally.counts[outcome.kind] += 1;
    if ('reason' in outcome) {
      const reason = truncate(outcome.reason);
      const list = this.tally.examples[outcome.kind];
      if (list.length < EXAMPLES) list.push(`${entityRef}: ${reason}`);
      this.options.logger.debug(
        `Docs prebuild of ${entityRef}: ${outcome.kind}: ${reason}`,
      );
    } else {
      this.options.logger.debug(
        `Docs prebuild of ${entityRef}: ${outcome.kind}`,
      );
    }
  }

  /** Writes one line for what happened since the last one, if anything did. */
  private async summarize(): Promise<void> {
    const { counts, examples: ex } = this.tally;
    this.tally = emptyTally();
    this.lastSummaryAt = Date.now();
    const parts = [
      counts.built && `${counts.built} sites built`,
      counts.failed && `${counts.failed} failed (${ex.failed.join('; ')})`,
      counts.adopted && `${counts.adopted} already published`,
      counts.deferred &&
        `${counts.deferred} deferred for ${
          DEFER_MS / 60_000
        } min, their source unreachable (${ex.deferred.join('; ')})`,
      counts.dropped && `${counts.dropped} dropped (${ex.dropped.join('; ')})`,
      counts.unchanged && `${counts.unchanged} unchanged`,
    ].filter(Boolean);
    if (parts.length === 0) return;
    const waiting = await this.options.store.countWaiting().catch(() => NaN);
    const line = `Docs prebuild: ${parts.join(', ')}; ${
      Number.isNaN(waiting) ? 'unknown' : waiting
    } waiting`;
    if (counts.built || counts.failed || counts.deferred || counts.dropped) {
      this.options.logger.info(line);
    } else {
      this.options.logger.debug(line);
    }
  }

  /** Builds wait while the change feed delivers (the catalog is ingesting), up to 30 s. */
  private async holdWhileCatalogIsBusy(): Promise<void> {
    const start = Date.now();
    for (;;) {
      const quietIn = this.lastChangeAt + this.quietMs - Date.now();
      const holdLeft = start + MAX_HOLD_MS - Date.now();
      if (quietIn <= 0 || holdLeft <= 0 || this.closing.signal.aborted) return;
      await this.sleep(Math.min(quietIn, holdLeft));
    }
  }

  private unavailableNow(error: unknown) {
    const now = Date.now();
    if (this.unavailable) {
      this.unavailable.count += 1;
    } else {
      this.unavailable = { count: 1, since: now };
      this.options.logger.warn(
        `Docs prebuild paused, nothing is marked failed; trying again with backoff up to ${
          UNAVAILABLE_BACKOFF_MAX_MS / 1000
        } s: ${toError(error).message}`,
      );
    }
    this.pausedUntil =
      now +
      Math.min(
        UNAVAILABLE_BACKOFF_START_MS * 2 ** (this.unavailable.count - 1),
        UNAVAILABLE_BACKOFF_MAX_MS,
      );
  }

  private available() {
    if (!this.unavailable) return;
    this.options.logger.info(
      `Docs prebuild resumed after ${
        this.unavailable.count
      } failed attempts over ${Math.round(
        (Date.now() - this.unavailable.since) / 1000,
      )} s`,
    );
    this.unavailable = undefined;
    this.pausedUntil = 0;
  }

  /**
   * Pauses so that the work since `workStart` is at most this loop's share of
   * the time, and for `floorMs` at the least.
   */
  private async pauseAfter(workStart: number, floorMs: number) {
    const workMs = this.now() - workStart;
    const ms = Math.max(
      floorMs,
      Math.min((workMs * (1 - this.share)) / this.share, MAX_PAUSE_MS),
    );
    if (ms >= 1) await this.sleep(ms);
    else await new Promise(resolve => setImmediate(resolve));
  }

  private async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    await sleep(ms, undefined, { signal: this.closing.signal }).catch(
      () => undefined,
    );
  }
}

function wantedSite(entityRef: string, entity: Entity): WantedSite {
  return {
    entityRef,
    entityUid: entity.metadata.uid ?? '',
    entityEtag: entity.metadata.etag ?? null,
    hash: sourceStateHash(entity),
  };
}

/** The row was not waiting to be built, and with this source state it is. */
function becomesWaiting(row: PrebuiltSite | undefined, hash: string): boolean {
  if (!row) return true;
  const waiting = row.sourceHash === null || row.wantedHash !== row.sourceHash;
  return !waiting && hash !== row.sourceHash;
}

function emptyTally(): Tally {
  return {
    counts: {
      built: 0,
      adopted: 0,
      unchanged: 0,
      failed: 0,
      deferred: 0,
      dropped: 0,
    },
    examples: { failed: [], deferred: [], dropped: [] },
  };
}

function truncate(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > REASON_CHARS
    ? `${line.slice(0, REASON_CHARS - 1)}…`
    : line;
}

/** ` (a, b, c and 4 more)` of a list of refs, or nothing. */
function examples(refs: string[]): string {
  if (refs.length === 0) return '';
  const shown = refs.slice(0, EXAMPLES).join(', ');
  return refs.length > EXAMPLES
    ? `: ${shown} and ${refs.length - EXAMPLES} more`
    : `: ${shown}`;
}
