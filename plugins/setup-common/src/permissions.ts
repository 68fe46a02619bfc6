import { createPermission } from '@backstage/plugin-permission-common';

/** Allows reading the setup status: what the portal is set up with and what is missing. */
export const setupStatusReadPermission = createPermission({
  name: 'setup.status.read',
  attributes: { action: 'read' },
});

/** Every permission of the setup plugins. */
export const setupPermissions = [setupStatusReadPermission];
