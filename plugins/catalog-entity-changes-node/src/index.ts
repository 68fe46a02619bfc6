/**
 * The catalog's entity-change feed, for backend plugins whose background
 * work should cost what changed rather than what exists.
 *
 * @packageDocumentation
 */
export {
  CATALOG_ENTITY_CHANGES_TOPIC,
  CATALOG_ENTITY_CHANGES_MAX_REFS,
  readCatalogEntityChangesPayload,
} from './topic';
export type { CatalogEntityChangesPayload } from './topic';
export { CatalogEntityChanges } from './CatalogEntityChanges';
export type {
  CatalogEntityChangesHandler,
  CatalogEntityChangesResult,
} from './CatalogEntityChanges';
