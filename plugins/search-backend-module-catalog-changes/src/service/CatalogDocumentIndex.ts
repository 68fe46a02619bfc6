import { DatabaseService } from '@backstage/backend-plugin-api';
import { DatabaseDocumentStore } from '@backstage/plugin-search-backend-module-pg';
import { Knex } from 'knex';
import { CATALOG_DOCUMENT_TYPE, CatalogDocument } from './CatalogDocuments';

/** The Postgres search engine's table and its staging table (see README). */
const DOCUMENTS = 'documents';
const STAGED = 'documents_to_insert';
/** As the engine's own retry: a text too long for a tsvector is cut to this. */
const TRUNCATED_TEXT_LENGTH = 50_000;
const HASHES_PER_QUERY = 1_000;

/**
 * The one place that writes the Postgres search engine's `documents` table
 * outside a full collator run, for the catalog's document type only.
 *
 * Documents are staged through the engine's own `DatabaseDocumentStore`
 * (`prepareInsert` and `insertDocuments`: its temporary table computes each
 * document's hash with the engine's formula). The engine then only offers
 * `completeInsert`, which replaces every document of the type with the staged
 * ones, so the merge of a few documents is written here, in the engine's
 * statements' shape: a staged document whose hash is indexed already is left
 * alone, a new one is inserted, and the entity's older documents are deleted.
 */
export class CatalogDocumentIndex {
  private constructor(
    private readonly db: Knex,
    private readonly store: DatabaseDocumentStore,
  ) {}

  /**
   * Opens the search plugin's database. The Postgres engine module runs its
   * migrations; this only reads and writes the table they create.
   */
  static async create(
    database: DatabaseService,
  ): Promise<CatalogDocumentIndex> {
    const db = await database.getClient();
    return new CatalogDocumentIndex(db, new DatabaseDocumentStore(db));
  }

  /**
   * Indexes `documents` (at most one per entity), replacing each entity's
   * older document. Returns the hash (hex) of each document that was written,
   * by its entity ref; an entity not in it had its document indexed already.
   */
  async upsert(documents: CatalogDocument[]): Promise<Map<string, string>> {
    if (documents.length === 0) {
      return new Map();
    }
    return this.store.transaction(async tx => {
      await this.store.prepareInsert(tx);
      await this.store.insertDocuments(tx, CATALOG_DOCUMENT_TYPE, documents);
      const written = await this.insertStaged(tx);
      await this.ofEntities(
        tx,
        documents.map(d => d.authorization.resourceRef),
      )
        .whereNotExists(
          tx(STAGED)
            .select(tx.raw('1'))
            .whereRaw(`${STAGED}.hash = ${DOCUMENTS}.hash`),
        )
        .delete();
      return written;
    });
  }

  /** Deletes the documents of these entities (refs as in `authorization.resourceRef`). */
  async remove(entityRefs: string[]): Promise<void> {
    if (entityRefs.length > 0) {
      await this.ofEntities(this.db, entityRefs).delete();
    }
  }

  /** Which of these document hashes (hex) are indexed. */
  async present(hashes: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < hashes.length; i += HASHES_PER_QUERY) {
      const rows: { hash: string }[] = await this.db(DOCUMENTS)
        .select(this.db.raw(`encode(hash, 'hex') as hash`))
        .whereIn(
          'hash',
          hashes.slice(i, i + HASHES_PER_QUERY).map(h => Buffer.from(h, 'hex')),
        );
      rows.forEach(row => found.add(row.hash));
    }
    return found;
  }

  /**
   * Inserts the staged documents whose hash is not indexed, retrying once
   * with their text cut (in a savepoint) when Postgres refuses a text too
   * long for a tsvector, as the engine's full run does.
   */
  private async insertStaged(tx: Knex.Transaction) {
    try {
      return await tx.transaction(sub => this.insertStagedOnce(sub, false));
    } catch (error) {
      if (
        error instanceof Error &&
        error.message.includes('string is too long for tsvector')
      ) {
        return await tx.transaction(sub => this.insertStagedOnce(sub, true));
      }
      throw error;
    }
  }

  private async insertStagedOnce(
    tx: Knex.Transaction,
    truncate: boolean,
  ): Promise<Map<string, string>> {
    const document = truncate
      ? `jsonb_set(document, '{text}', to_jsonb(LEFT(document->>'text', ${TRUNCATED_TEXT_LENGTH})))`
      : 'document';
    const result: { rows: { resourceRef: string; hash: string }[] } =
      await tx.raw(
        `INSERT INTO ${DOCUMENTS} (type, document, hash)
         SELECT type, ${document}, hash FROM ${STAGED} staged
         WHERE NOT EXISTS (SELECT 1 FROM ${DOCUMENTS} indexed WHERE indexed.hash = staged.hash)
         ON CONFLICT (hash) DO NOTHING
         RETURNING document->'authorization'->>'resourceRef' AS "resourceRef",
                   encode(hash, 'hex') AS hash`,
      );
    return new Map(result.rows.map(row => [row.resourceRef, row.hash]));
  }

  /**
   * The catalog documents of these entities; one containment test per ref,
   * so that Postgres can use the engine's GIN index on `document`.
   */
  private ofEntities(db: Knex, entityRefs: string[]) {
    return db(DOCUMENTS)
      .where('type', CATALOG_DOCUMENT_TYPE)
      .where(query => {
        for (const resourceRef of entityRefs) {
          query.orWhereRaw('document @> ?::jsonb', [
            JSON.stringify({ authorization: { resourceRef } }),
          ]);
        }
      });
  }
}
