import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CatalogDocumentIndex } from './CatalogDocumentIndex';
import { CatalogDocuments } from './CatalogDocuments';

/** A document this indexer wrote, kept until no full run can undo it. */
type RecentWrite = { hash: string; writtenAt: number };

/** What one batch of changed entities came to. */
export type CatalogChangesResult = {
  /** Refs to deliver again: not in the catalog yet, or whose document is unchanged (maybe not stitched yet). */
  retry: string[];
};

/**
 * Indexes the catalog documents of changed entities, and puts back the ones
 * a full collator run replaced with older content.
 *
 * A full run reads the catalog page by page into a transaction, then makes
 * the index exactly what it read: a document written here after the run read
 * that entity is deleted again, and the older one it read comes back. So each
 * document written here is remembered for as long as a full run can last (the
 * collator's schedule timeout), and {@link CatalogChangesIndexer.recheck}
 * indexes its entity again when the document is gone.
 */
export class CatalogChangesIndexer {
  private readonly recentWrites = new Map<string, RecentWrite>();

  private constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      documents: CatalogDocuments;
      index: CatalogDocumentIndex;
      /** how long a full run can take: a write is rechecked that long */
      fullRunTimeoutMs: number;
      now: () => number;
    },
  ) {}

  /** Creates the indexer; `now` is for tests that move time on. */
  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
    logger: LoggerService;
    documents: CatalogDocuments;
    index: CatalogDocumentIndex;
    fullRunTimeoutMs: number;
    now?: () => number;
  }): CatalogChangesIndexer {
    return new CatalogChangesIndexer({ now: Date.now, ...options });
  }

  /**
   * Indexes the current documents of these entities: fetched from the
   * catalog, written where they differ from the index, deleted for entities
   * that `search.collators.catalog.filter` leaves out. Entities not found are
   * left to the full run (which forgets deleted ones).
   */
  async index(entityRefs: string[]): Promise<CatalogChangesResult> {
    const { written, unchanged, notFound, filteredOut } =
      await this.indexEntities(entityRefs);
    const summary = `Search: indexed ${written} changed catalog entities (${unchanged.length} unchanged, ${notFound.length} not in the catalog yet, ${filteredOut} outside search.collators.catalog.filter)`;
    // One line per batch is one per entity when entities change one by one.
    this.options.logger.debug(summary);
    // An unchanged document may be an entity the catalog has not stitched
    // yet: looking again costs one fetch, missing the change costs a full run.
    return { retry: [...notFound, ...unchanged] };
  }

  private async indexEntities(entityRefs: string[]) {
    const { catalog, documents, index } = this.options;
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs, filter: documents.filter },
      { credentials },
    );
    const found = new Map<string, Entity>();
    const absent: string[] = [];
    items.forEach((entity, i) => {
      if (entity) {
        found.set(entityRefs[i], entity);
      } else {
        absent.push(entityRefs[i]);
      }
    });
    const filteredOut = await this.filteredOut(absent, credentials);
    const notFound = absent.filter(ref => !filteredOut.has(ref));

    // one document per entity, however many refs named it
    const toIndex = new Map(
      [...found.values()].map(entity => [stringifyEntityRef(entity), entity]),
    );
    const written = await index.upsert(
      [...toIndex.values()].map(entity => documents.toDocument(entity)),
    );
    await index.remove([...filteredOut].map(ref => this.resourceRef(ref)));

    const writtenAt = this.options.now();
    for (const [resourceRef, hash] of written) {
      this.recentWrites.set(resourceRef, { hash, writtenAt });
    }
    const unchanged = [...found]
      .filter(([, entity]) => !written.has(stringifyEntityRef(entity)))
      .map(([ref]) => ref);

    return {
      written: written.size,
      unchanged,
      notFound,
      filteredOut: filteredOut.size,
    };
  }

  /**
   * Indexes again the entities whose document written here is no longer
   * indexed (a full run that read them earlier put its older one back), and
   * forgets writes older than a full run can last.
   */
  async recheck(): Promise<void> {
    const now = this.options.now();
    for (const [ref, { writtenAt }] of this.recentWrites) {
      if (now - writtenAt > this.options.fullRunTimeoutMs) {
        this.recentWrites.delete(ref);
      }
    }
    if (this.recentWrites.size === 0) {
      return;
    }
    const present = await this.options.index.present(
      [...this.recentWrites.values()].map(w => w.hash),
    );
    const replaced = [...this.recentWrites]
      .filter(([, { hash }]) => !present.has(hash))
      .map(([ref]) => ref);
    if (replaced.length === 0) {
      return;
    }
    // index() remembers what it writes again; an entity gone from the
    // catalog, or indexed as it is now, is done with.
    replaced.forEach(ref => this.recentWrites.delete(ref));
    const { written } = await this.indexEntities(replaced);
    this.options.logger.info(
      `Search: ${replaced.length} catalog documents written since a full collator run began were replaced by it; indexed ${written} of them again (the others are gone from the catalog or indexed as they are now)`,
    );
  }

  /** Of these refs, the ones of entities that exist but the collator's filter leaves out. */
  private async filteredOut(
    absent: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    if (!this.options.documents.filter || absent.length === 0) {
      return new Set();
    }
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: absent, fields: ['kind'] },
      { credentials },
    );
    return new Set(absent.filter((_, i) => items[i]));
  }

  /** A ref as the collator writes it in `authorization.resourceRef`. */
  private resourceRef(ref: string): string {
    return stringifyEntityRef(parseEntityRef(ref));
  }
}
