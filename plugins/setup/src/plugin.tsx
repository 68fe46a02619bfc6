import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import BuildIcon from '@material-ui/icons/Build';
import { setupApi, setupPage } from './extensions';
import { rootRouteRef } from './routes';

/**
 * Setup: Greenroom admins see what the portal is set up with (sign-in, org
 * and discovery providers with their last runs, integrations) and the
 * variables that set up what is missing.
 */
export const setupPlugin = createFrontendPlugin({
  pluginId: 'setup',
  title: 'Setup',
  icon: <BuildIcon />,
  routes: { root: rootRouteRef },
  extensions: [setupApi, setupPage],
});
