/**
 * Announces the refs of catalog entities whose processed form changed on the
 * events service (topic `greenroom.catalog.entity-changes`).
 *
 * @packageDocumentation
 */
export { catalogModuleEntityChanges as default } from './module';
