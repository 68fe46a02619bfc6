/**
 * Greenroom's access control page: roles, who holds them, granting and
 * revoking roles, exporting the policy, and what a user may do.
 *
 * @packageDocumentation
 */
import { accessControlPlugin } from './plugin';

export { accessControlPlugin };
export { rootRouteRef as accessControlRouteRef } from './routes';
export * from './api';

/** The plugin, as the default export that `app.packages: all` discovers. */
export default accessControlPlugin;
