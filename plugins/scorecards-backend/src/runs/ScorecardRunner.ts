import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { ScorecardsStore, LevelDrop } from '../database/ScorecardsStore';
import { appliesTo } from '../evaluation/appliesTo';
import { Evaluator } from '../evaluation/Evaluator';
import { ProviderFailures } from '../evaluation/ProviderFailures';

const PAGE_SIZE = 500;

type Page = Awaited<ReturnType<CatalogService['queryEntities']>>;

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
 * change), the entities the catalog's change feed announces, or one entity
 * on request. Each pass logs at most one line.
 */
export class ScorecardRunner {
  /** Providers whose failure in a change batch was logged, until they work again. */
  private readonly warnedProviders = new Set<string>();

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
  ) {}

  /**
   * Evaluates every entity a scorecard applies to, a page at a time, and
   * forgets the ones gone. One line is logged: info, or warn naming the fact
   * providers that failed and why.
   */
  async evaluateAll(): Promise<{ entities: number; results: number }> {
    const { store, definitions, logger } = this.deps;
    if (definitions.list().length === 0) return { entities: 0, results: 0 };
    const started = Date.now();
    await store.analyze();
    const known = await store.etags();
    const failures = new ProviderFailures();
    let entities = 0;
    let results = 0;
    let failedPages = 0;
    let firstPageError = '';
    let next: Promise<Page> | undefined = this.page();
    do {
      const page: Page = await next;
      // the next page is read while this one is evaluated
      const cursor = page.pageInfo.nextCursor;
      next = cursor ? this.page(cursor) : undefined;
      next?.catch(() => {}); // awaited (and thrown) in the next round
      entities += page.items.length;
      for (const e of page.items) known.delete(stringifyEntityRef(e));
      try {
        results += await this.evaluate(page.items, failures);
      } catch (e) {
        // One failed page (a database hiccup) should not stop the rest.
        failedPages += 1;
        firstPageError ||= String(e);
      }
    } while (next);
    await store.deleteEntities([...known.keys()]);
    await store.keepScorecards(definitions.list().map(s => s.id));
    const summary = `Scorecards: evaluated ${entities} entities (${results} results) in ${
      Date.now() - started
    } ms; forgot ${known.size} entities gone from the catalog`;
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
    return { entities, results };
  }

  /**
   * Evaluates the announced entities whose catalog etag differs from the one
   * they were last evaluated at (entities no scorecard applies to and never
   * evaluated are skipped), and returns the rest to be retried. Logs at debug,
   * and at warn the first time a fact provider fails in a batch (not again
   * until it has worked in one).
   */
  async evaluateChanged(entityRefs: string[]): Promise<ChangedEntitiesOutcome> {
    const { catalog, store, definitions, logger } = this.deps;
    const scorecards = definitions.list();
    if (scorecards.length === 0 || entityRefs.length === 0) {
      return { evaluated: 0, retry: [] };
    }
    const credentials = await this.deps.auth.getOwnServiceCredentials();
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
    const related = await this.relatedTo(fresh, new Set(entityRefs));
    const failures = new ProviderFailures();
    const results = await this.evaluate([...changed, ...related], failures);
    this.warnOnNewFailures(failures);
    logger.debug(
      `Scorecards: evaluated ${changed.length} of ${entityRefs.length} changed entities and ${related.length} related ones (${results} results); ${retry.length} to retry`,
    );
    return { evaluated: changed.length + related.length, retry };
  }

  /**
   * The entities the changed ones have relations to. Their facts can depend
   * on a changed entity (a system that now exists, a group that now has
   * members), and the catalog does not process them again when only their
   * relations change: a group that arrives after the components it owns
   * lists them in its ownerOf relations.
   */
  private async relatedTo(
    changed: Entity[],
    exclude: Set<string>,
  ): Promise<Entity[]> {
    const refs = [
      ...new Set(
        changed.flatMap(e => (e.relations ?? []).map(r => r.targetRef)),
      ),
    ].filter(ref => !exclude.has(ref));
    if (refs.length === 0) return [];
    const scorecards = this.deps.definitions.list();
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const related: Entity[] = [];
    for (let i = 0; i < refs.length; i += PAGE_SIZE) {
      const { items } = await this.deps.catalog.getEntitiesByRefs(
        { entityRefs: refs.slice(i, i + PAGE_SIZE) },
        { credentials },
      );
      for (const entity of items) {
        if (entity && scorecards.some(s => appliesTo(s.appliesTo, entity))) {
          related.push(entity);
        }
      }
    }
    return related;
  }

  /** Evaluates one entity now; false when the catalog does not have it. */
  async evaluateEntity(entityRef: string): Promise<boolean> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) return false;
    await this.evaluate([entity]);
    return true;
  }

  /**
   * Warns about the providers that failed in a change batch, each once until
   * a batch in which it was asked for facts goes without failures.
   */
  private warnOnNewFailures(failures: ProviderFailures) {
    for (const id of this.warnedProviders) {
      if (failures.worked(id)) this.warnedProviders.delete(id);
    }
    const fresh = failures
      .providers()
      .filter(id => !this.warnedProviders.has(id));
    if (fresh.length === 0) return;
    fresh.forEach(id => this.warnedProviders.add(id));
    this.deps.logger.warn(
      `Scorecards: evaluating changed entities, ${failures.describe()}; not logged again for changed entities until it works, the full run logs it each time`,
    );
  }

  private async evaluate(
    entities: Entity[],
    failures?: ProviderFailures,
  ): Promise<number> {
    if (entities.length === 0) return 0;
    const { evaluator, definitions, store, onDrops } = this.deps;
    const evaluations = await evaluator.evaluate(
      entities,
      definitions.list(),
      failures,
    );
    const drops = await store.save(
      evaluations,
      entities.map(e => ({
        entityRef: stringifyEntityRef(e),
        etag: e.metadata.etag ?? '',
      })),
    );
    if (drops.length > 0 && onDrops) await onDrops(drops);
    return evaluations.length;
  }

  /** A page of the entities of the kinds scorecards apply to. */
  private async page(cursor?: string): Promise<Page> {
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    if (cursor) {
      return this.deps.catalog.queryEntities(
        { cursor, limit: PAGE_SIZE },
        { credentials },
      );
    }
    const scorecards = this.deps.definitions.list();
    const kinds = scorecards.every(s => s.appliesTo.kind)
      ? [...new Set(scorecards.flatMap(s => s.appliesTo.kind!))]
      : undefined;
    return this.deps.catalog.queryEntities(
      {
        filter: kinds ? { kind: kinds } : undefined,
        limit: PAGE_SIZE,
        orderFields: { field: 'metadata.name', order: 'asc' },
      },
      { credentials },
    );
  }
}
