import { PageBlueprint } from '@backstage/frontend-plugin-api';
import BuildIcon from '@material-ui/icons/Build';
import { rootRouteRef } from '../routes';

/**
 * The Setup page at `/setup`. With a title, an icon and a route ref it is
 * also a sidebar item, which the app's sidebar shows to admins only (see
 * `SetupAdminOnly`).
 */
export const setupPage = PageBlueprint.make({
  params: {
    path: '/setup',
    title: 'Setup',
    icon: <BuildIcon />,
    routeRef: rootRouteRef,
    loader: () => import('../components/SetupPage').then(m => <m.SetupPage />),
  },
});
