import { createPermission } from '@backstage/plugin-permission-common';

/** Allows reading the roles, who holds them and what they allow, and asking what a user may do. */
export const accessControlReadPermission = createPermission({
  name: 'access-control.read',
  attributes: { action: 'read' },
});

/** Allows granting and revoking roles. */
export const accessControlManagePermission = createPermission({
  name: 'access-control.manage',
  attributes: { action: 'update' },
});

/** Every permission of Greenroom's access control. */
export const accessControlPermissions = [
  accessControlReadPermission,
  accessControlManagePermission,
];
