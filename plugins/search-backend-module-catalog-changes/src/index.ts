/**
 * Indexes changed catalog entities into the Postgres search index as the
 * catalog announces them.
 *
 * @packageDocumentation
 */
export { searchModuleCatalogChanges as default } from './module';
