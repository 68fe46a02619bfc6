/**
 * Scorecards in the portal: an entity tab, a level card, a Scorecards page
 * and a home page widget.
 *
 * @packageDocumentation
 */
import { scorecardsPlugin } from './plugin';

export { scorecardsPlugin };
export { rootRouteRef as scorecardsRouteRef } from './routes';
export * from './api';

/** The plugin, as the default export that `app.packages: all` discovers. */
export default scorecardsPlugin;
