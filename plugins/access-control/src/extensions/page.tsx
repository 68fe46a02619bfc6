import { PageBlueprint } from '@backstage/frontend-plugin-api';
import SecurityIcon from '@material-ui/icons/Security';
import { rootRouteRef } from '../routes';

/**
 * The Access control page at `/access-control`. With a title, an icon and a
 * route ref it is also a sidebar item.
 */
export const accessControlPage = PageBlueprint.make({
  params: {
    path: '/access-control',
    title: 'Access control',
    icon: <SecurityIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/AccessControlPage').then(m => (
        <m.AccessControlPage />
      )),
  },
});
