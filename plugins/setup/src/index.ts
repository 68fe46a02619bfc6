/**
 * The setup page for Greenroom admins.
 *
 * @packageDocumentation
 */
import { setupPlugin } from './plugin';

export { setupPlugin };
export { rootRouteRef as setupRouteRef } from './routes';
export * from './api';
export { SetupAdminOnly } from './components/SetupAdminOnly';

/** The plugin, as the default export that `app.packages: all` discovers. */
export default setupPlugin;
