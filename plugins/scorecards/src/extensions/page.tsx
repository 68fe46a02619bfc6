import { PageBlueprint } from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import { rootRouteRef } from '../routes';

/**
 * The Scorecards page at `/scorecards`. With a title, an icon and a route ref
 * it is also the sidebar's "Scorecards" item.
 */
export const scorecardsPage = PageBlueprint.make({
  params: {
    path: '/scorecards',
    title: 'Scorecards',
    icon: <AssessmentIcon />,
    routeRef: rootRouteRef,
    loader: () =>
      import('../components/ScorecardsPage').then(m => <m.ScorecardsPage />),
  },
});
