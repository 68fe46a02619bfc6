import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { ScorecardsStore, LevelDrop } from '../database/ScorecardsStore';
import { appliesTo } from '../evaluation/appliesTo';
import { Evaluator } from '../evaluation/Evaluator';
import { ProviderFailures } from '../evaluation/ProviderFailures';
import { RelatedEntityQueue } from './RelatedEntityQueue';

const PAGE_SIZE = 500;

/**
 * What decides whether a related entity is evaluated: its ref and etag, and
 * what `appliesTo` reads.
 */
const DECIDING_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.tags',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
];

/** The kind of an entity ref, in lower case. */
const kindOf = (ref: string) =>
  ref.slice(0, ref.indexOf(':')).toLocaleLowerCase('en-US');

/** A page of the catalog, and when it was asked for. */
type ReadPage = {
  page: Awaited<ReturnType<CatalogService['queryEntities']>>;
  readAt: number;
};

/** What a full run came to. */
export interface FullRunOutcome {
  /** Entities evaluated. */
  entities: number;
  /** Results they came to (one per entity and scorecard that applies). */
  results: number;
  /** Entities skipped as evaluated recently at their current etag. */
  skipped: number;
}

/** What one batch of the catalog's entity-change feed came to. */
export interface ChangedEntitiesOutcome {
  /** Entities evaluated because their etag differs from the one stored. */
  evaluated: number;
  /**
   * Refs to deliver again later: not in the catalog (not stitched yet, or
   * gone), or at the etag they were last evaluated at (not stitched yet).
   */
  retry: string[];
}

/**
 * Runs evaluations: all entities (on the schedule, and when the definitions
 * change), the entities the catalog's change feed announces (and later, in
 * one pass, the entities they have relations to), or one entity on request.
 * Each pass logs at most one line.
 */
export class ScorecardRunner {
  /** Providers whose failure in a change batch or related pass was logged, until they work again. */
  private readonly warnedProviders = new Set<string>();

  private readonly related: RelatedEntityQueue;

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      definitions: ScorecardDefinitions;
      evaluator: Evaluator;
      store: ScorecardsStore;
      logger: LoggerService;
      /** Told about every level that went down. */
      onDrops?: (drops: LevelDrop[]) => Promise<void>;
    },
  ) {
    this.related = RelatedEntityQueue.create({
      logger: deps.logger,
      evaluate: async refs => {
        await this.evaluateRelated(refs);
      },
    });
  }

  /**
   * Evaluates every entity a scorecard applies to, a page at a time, and
   * forgets the ones gone. With `skipFreshMs`, entities evaluated less than
   * that long ago at their current etag are skipped (counted as seen, not
   * forgotten). A run that evaluates every entity drops the
   * related entities queued so far: it evaluates them. One line is logged: info, or warn naming the fact
   * providers that failed and why.
   */
  async evaluateAll(
    options: { skipFreshMs?: number } = {},
  ): Promise<FullRunOutcome> {
    const { store, definitions, logger } = this.deps;
    const { skipFreshMs } = options;
    if (definitions.list().length === 0) {
      return { entities: 0, results: 0, skipped: 0 };
    }
    const started = Date.now();
    // a run that evaluates everything reads them as they are now (one that
    // skips fresh entities would skip them: they are at their etag)
    if (!skipFreshMs) this.related.clear();
    await store.analyze();
    const known = await store.evaluatedEntities();
    const isFresh = (entity: Entity, ref: string) => {
      const stored = known.get(ref);
      return (
        skipFreshMs !== undefined &&
        stored !== undefined &&
        stored.etag === entity.metadata.etag &&
        started - stored.evaluatedAt.getTime() < skipFreshMs
      );
    };
    const failures = new ProviderFailures();
    let entities = 0;
    let results = 0;
    let skipped = 0;
    let failedPages = 0;
    let firstPageError = '';
    let next: Promise<ReadPage> | undefined = this.page();
    do {
      const read: ReadPage = await next;
      const { page, readAt } = read;
      // the next page is read while this one is evaluated
      const cursor = page.pageInfo.nextCursor;
      next = cursor ? this.page(cursor) : undefined;
      next?.catch(() => {}); // awaited (and thrown) in the next round
      const due: Entity[] = [];
      for (const e of page.items) {
        const ref = stringifyEntityRef(e);
        if (isFresh(e, ref)) skipped += 1;
        else due.push(e);
        known.delete(ref); // seen: what is left at the end is gone
      }
      entities += due.length;
      try {
        results += await this.evaluate(due, readAt, failures);
      } catch (e) {
        // One failed page (a database hiccup) should not stop the rest.
        failedPages += 1;
        firstPageError ||= String(e);
      }
    } while (next);
    await store.deleteEntities([...known.keys()]);
    await store.keepScorecards(definitions.list().map(s => s.id));
    const summary = [
      `Scorecards: evaluated ${entities} entities (${results} results) in ${
        Date.now() - started
      } ms`,
      skipFreshMs !== undefined &&
        `${skipped} evaluated in the last ${
          skipFreshMs / 60_000
        } min at their current etag skipped`,
      `forgot ${known.size} entities gone from the catalog`,
    ]
      .filter(Boolean)
      .join('; ');
    const problems = [
      failedPages &&
        `${failedPages} pages of entities failed to evaluate (${firstPageError})`,
      failures.describe(),
    ].filter(Boolean);
    if (problems.length > 0) {
      logger.warn(`${summary}; ${problems.join('; ')}`);
    } else {
      logger.info(summary);
    }
    return { entities, results, skipped };
  }

  /**
   * Evaluates the announced entities whose catalog etag differs from the one
   * they were last evaluated at (entities no scorecard applies to and never
   * evaluated are skipped), queues the entities they have relations to for
   * {@link ScorecardRunner.evaluateRelated}, and returns the rest to be
   * retried. Logs at debug, and at warn the first time a fact provider fails
   * in a batch (not again until it has worked in one).
   */
  async evaluateChanged(entityRefs: string[]): Promise<ChangedEntitiesOutcome> {
    const { catalog, store, definitions, logger } = this.deps;
    const scorecards = definitions.list();
    if (scorecards.length === 0 || entityRefs.length === 0) {
      return { evaluated: 0, retry: [] };
    }
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const readAt = Date.now();
    const [{ items }, known] = await Promise.all([
      catalog.getEntitiesByRefs({ entityRefs }, { credentials }),
      store.etagsOf(entityRefs),
    ]);
    const fresh: Entity[] = [];
    const changed: Entity[] = [];
    const retry: string[] = [];
    items.forEach((entity, i) => {
      const ref = entityRefs[i];
      if (!entity || known.get(ref) === entity.metadata.etag) {
        retry.push(ref);
        return;
      }
      fresh.push(entity);
      if (
        known.has(ref) ||
        scorecards.some(s => appliesTo(s.appliesTo, entity))
      ) {
        changed.push(entity);
      }
    });
    const announced = new Set(entityRefs);
    const related = [
      ...new Set(fresh.flatMap(e => (e.relations ?? []).map(r => r.targetRef))),
    ].filter(ref => !announced.has(ref));
    this.related.add(related);
    const failures = new ProviderFailures();
    const results = await this.evaluate(changed, readAt, failures);
    this.warnOnNewFailures(failures, 'changed');
    logger.debug(
      `Scorecards: evaluated ${changed.length} of ${entityRefs.length} changed entities (${results} results) and queued ${related.length} related ones; ${retry.length} to retry`,
    );
    return { evaluated: changed.length, retry };
  }

  /**
   * Evaluates entities changed ones have relations to, as the change batches
   * queue them. Their facts can depend on a changed entity (a system that now
   * exists, a group that now has members), and the catalog does not process
   * them again when only their relations change: a group that arrives after
   * the components it owns lists them in its ownerOf relations, and their
   * own etag need not change (a relation to a missing entity is kept). So
   * they are evaluated whatever their etag; only those no scorecard applies
   * to are skipped, after fetching only the fields that decide it. Throws when the catalog or the
   * store fails; a fact provider's failure is logged as in change batches.
   */
  async evaluateRelated(entityRefs: string[]): Promise<{ evaluated: number }> {
    const { catalog, definitions, logger } = this.deps;
    const scorecards = definitions.list();
    // refs of other kinds need no fetching when every scorecard names kinds
    const kinds = scorecards.every(s => s.appliesTo.kind)
      ? new Set(
          scorecards.flatMap(s =>
            s.appliesTo.kind!.map(k => k.toLocaleLowerCase('en-US')),
          ),
        )
      : undefined;
    const refs = kinds
      ? entityRefs.filter(ref => kinds.has(kindOf(ref)))
      : entityRefs;
    if (scorecards.length === 0 || refs.length === 0) return { evaluated: 0 };
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const failures = new ProviderFailures();
    let evaluated = 0;
    let results = 0;
    for (let i = 0; i < refs.length; i += PAGE_SIZE) {
      const page = refs.slice(i, i + PAGE_SIZE);
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: page, fields: DECIDING_FIELDS },
        { credentials },
      );
      const due = page.filter((_ref, j) => {
        const entity = items[j];
        return (
          entity !== undefined &&
          scorecards.some(s => appliesTo(s.appliesTo, entity))
        );
      });
      if (due.length === 0) continue;
      const readAt = Date.now();
      const full = await catalog.getEntitiesByRefs(
        { entityRefs: due },
        { credentials },
      );
      const entities = full.items.filter((e): e is Entity => e !== undefined);
      evaluated += entities.length;
      results += await this.evaluate(entities, readAt, failures);
    }
    this.warnOnNewFailures(failures, 'related');
    logger.debug(
      `Scorecards: evaluated ${evaluated} of ${entityRefs.length} entities related to changed ones (${results} results); the others are gone or no scorecard applies`,
    );
    return { evaluated };
  }

  /** Drops the related entities not evaluated yet (call from a shutdown hook). */
  close(): Promise<void> {
    return this.related.close();
  }

  /** Evaluates one entity now; false when the catalog does not have it. */
  async evaluateEntity(entityRef: string): Promise<boolean> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const readAt = Date.now();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) return false;
    await this.evaluate([entity], readAt);
    return true;
  }

  /**
   * Warns about the providers that failed in a change batch or a pass over
   * related entities, each once until one in which it was asked for facts
   * goes without failures.
   */
  private warnOnNewFailures(
    failures: ProviderFailures,
    what: 'changed' | 'related',
  ) {
    for (const id of this.warnedProviders) {
      if (failures.worked(id)) this.warnedProviders.delete(id);
    }
    const fresh = failures
      .providers()
      .filter(id => !this.warnedProviders.has(id));
    if (fresh.length === 0) return;
    fresh.forEach(id => this.warnedProviders.add(id));
    this.deps.logger.warn(
      `Scorecards: evaluating ${what} entities, ${failures.describe()}; not logged again for changed or related entities until it works, the full run logs it each time`,
    );
  }

  /**
   * Evaluates and saves entities read from the catalog at `readAt`, and drops
   * them from the related entities queued before that.
   */
  private async evaluate(
    entities: Entity[],
    readAt: number,
    failures?: ProviderFailures,
  ): Promise<number> {
    if (entities.length === 0) return 0;
    const { evaluator, definitions, store, onDrops } = this.deps;
    const evaluations = await evaluator.evaluate(
      entities,
      definitions.list(),
      failures,
    );
    const refs = entities.map(e => stringifyEntityRef(e));
    const drops = await store.save(
      evaluations,
      entities.map((e, i) => ({
        entityRef: refs[i],
        etag: e.metadata.etag ?? '',
      })),
    );
    this.related.evaluated(refs, readAt);
    if (drops.length > 0 && onDrops) await onDrops(drops);
    return evaluations.length;
  }

  /** A page of the entities of the kinds scorecards apply to. */
  private async page(cursor?: string): Promise<ReadPage> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const readAt = Date.now();
    if (cursor) {
      const page = await this.deps.catalog.queryEntities(
        { cursor, limit: PAGE_SIZE },
        { credentials },
      );
      return { page, readAt };
    }
    const scorecards = this.deps.definitions.list();
    const kinds = scorecards.every(s => s.appliesTo.kind)
      ? [...new Set(scorecards.flatMap(s => s.appliesTo.kind!))]
      : undefined;
    // No orderFields: the catalog then pages by entity id, which costs the
    // same on every page; ordered by a field, each page re-reads the rows
    // before it, and a run at 100,000 entities spends minutes paging.
    const page = await this.deps.catalog.queryEntities(
      {
        filter: kinds ? { kind: kinds } : undefined,
        limit: PAGE_SIZE,
        totalItems: 'exclude',
      },
      { credentials },
    );
    return { page, readAt };
  }
}
