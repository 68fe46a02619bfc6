/**
 * The events topic on which the catalog module
 * `@internal/plugin-catalog-backend-module-entity-changes` announces the refs
 * of entities whose processed form changed.
 *
 * @public
 */
export const CATALOG_ENTITY_CHANGES_TOPIC = 'greenroom.catalog.entity-changes';

/**
 * The payload of an event on {@link CATALOG_ENTITY_CHANGES_TOPIC}.
 *
 * @public
 */
export type CatalogEntityChangesPayload = {
  /** Refs (`kind:namespace/name`) of entities that changed, at most {@link CATALOG_ENTITY_CHANGES_MAX_REFS}. */
  entityRefs: string[];
};

/**
 * The most refs in one event on the topic, and in one batch handed to a
 * subscriber.
 *
 * @public
 */
export const CATALOG_ENTITY_CHANGES_MAX_REFS = 500;

/**
 * Reads the refs out of an event payload, or returns undefined when the
 * payload is not a {@link CatalogEntityChangesPayload}.
 *
 * @public
 */
export function readCatalogEntityChangesPayload(
  payload: unknown,
): string[] | undefined {
  if (typeof payload !== 'object' || payload === null) {
    return undefined;
  }
  const { entityRefs } = payload as Partial<CatalogEntityChangesPayload>;
  if (
    !Array.isArray(entityRefs) ||
    !entityRefs.every(ref => typeof ref === 'string' && ref.length > 0)
  ) {
    return undefined;
  }
  return entityRefs;
}
