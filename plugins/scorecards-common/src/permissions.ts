import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows starting a run of every scorecard on every entity. Reading results
 * needs no permission of its own: it follows the catalog's read permission on
 * each entity.
 */
export const scorecardsRefreshPermission = createPermission({
  name: 'scorecards.refresh',
  attributes: { action: 'update' },
});

/**
 * Allows re-evaluating one entity now. A permission on the catalog entity, so
 * a policy can grant it with the catalog's rules (for example to the entity's
 * owners with `IS_ENTITY_OWNER`).
 */
export const scorecardsEntityRefreshPermission = createPermission({
  name: 'scorecards.entity.refresh',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});

/** Every permission the scorecards plugins define. */
export const scorecardsPermissions = [
  scorecardsRefreshPermission,
  scorecardsEntityRefreshPermission,
];
