import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { ScorecardsStore, LevelDrop } from '../database/ScorecardsStore';
import { Evaluator } from '../evaluation/Evaluator';

const PAGE_SIZE = 500;

/**
 * Runs evaluations: all entities (on the schedule, and when the definitions
 * change), the entities that changed in the catalog since they were last
 * evaluated (every few seconds), or one entity on request.
 */
export class ScorecardRunner {
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

  /** Evaluates every entity a scorecard applies to, and forgets the ones gone. */
  async evaluateAll(): Promise<{ entities: number; results: number }> {
    const { store, definitions, logger } = this.deps;
    if (definitions.list().length === 0) return { entities: 0, results: 0 };
    const started = Date.now();
    const known = await store.etags();
    let entities = 0;
    let results = 0;
    let failedPages = 0;
    let cursor: string | undefined;
    do {
      const page = await this.page(cursor);
      entities += page.items.length;
      for (const e of page.items) known.delete(stringifyEntityRef(e));
      try {
        results += await this.evaluate(page.items);
      } catch (e) {
        // One failed page (a database hiccup) should not stop the rest.
        failedPages += 1;
        logger.error(
          `Scorecards: evaluating ${page.items.length} entities failed: ${e}`,
        );
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    await store.deleteEntities([...known.keys()]);
    await store.keepScorecards(definitions.list().map(s => s.id));
    logger.info(
      `Scorecards: evaluated ${entities} entities (${results} results) in ${
        Date.now() - started
      } ms; forgot ${known.size} entities gone from the catalog${
        failedPages ? `; ${failedPages} pages failed` : ''
      }`,
    );
    return { entities, results };
  }

  /**
   * Evaluates the entities whose catalog etag changed since their last
   * evaluation, and forgets the ones that left the catalog.
   */
  async evaluateChanges(): Promise<{ changed: number; removed: number }> {
    const { store, catalog } = this.deps;
    if (this.deps.definitions.list().length === 0) {
      return { changed: 0, removed: 0 };
    }
    const credentials = await this.deps.auth.getOwnServiceCredentials();
    const known = await store.etags();
    const changed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.page(cursor, [
        'kind',
        'metadata.namespace',
        'metadata.name',
        'metadata.etag',
      ]);
      for (const e of page.items) {
        const ref = stringifyEntityRef(e);
        if (known.get(ref) !== e.metadata.etag) changed.push(ref);
        known.delete(ref);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    for (let i = 0; i < changed.length; i += PAGE_SIZE) {
      const { items } = await catalog.getEntitiesByRefs(
        { entityRefs: changed.slice(i, i + PAGE_SIZE) },
        { credentials },
      );
      await this.evaluate(items.filter((e): e is Entity => Boolean(e)));
    }
    await store.deleteEntities([...known.keys()]);
    return { changed: changed.length, removed: known.size };
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

  private async evaluate(entities: Entity[]): Promise<number> {
    if (entities.length === 0) return 0;
    const { evaluator, definitions, store, onDrops } = this.deps;
    const evaluations = await evaluator.evaluate(entities, definitions.list());
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
  private async page(cursor?: string, fields?: string[]) {
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
        fields,
        limit: PAGE_SIZE,
        orderFields: { field: 'metadata.name', order: 'asc' },
      },
      { credentials },
    );
  }
}
