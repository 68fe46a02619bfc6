import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Allows running scorecard evaluation now, for one entity or all of them.
 * Reading results needs no permission of its own: it follows the catalog's
 * read permission on each entity.
 */
export const scorecardsRefreshPermission = createPermission({
  name: 'scorecards.refresh',
  attributes: { action: 'update' },
});

/** Every permission the scorecards plugins define. */
export const scorecardsPermissions = [scorecardsRefreshPermission];
