import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { accessControlApi, accessControlPage } from './extensions';
import { rootRouteRef } from './routes';

/**
 * Access control: the roles of Greenroom's policy file and who holds them,
 * granting and revoking roles, exporting the policy, and a simulator
 * answering what a user may do.
 */
export const accessControlPlugin = createFrontendPlugin({
  pluginId: 'access-control',
  title: 'Access control',
  icon: <SecurityIcon />,
  routes: { root: rootRouteRef },
  extensions: [accessControlApi, accessControlPage],
});
