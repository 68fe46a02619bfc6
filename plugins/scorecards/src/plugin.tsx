import { createFrontendPlugin } from '@backstage/frontend-plugin-api';
import AssessmentIcon from '@material-ui/icons/Assessment';
import {
  myTeamScorecardsWidget,
  scorecardsApi,
  scorecardsEntityCard,
  scorecardsEntityContent,
  scorecardsPage,
} from './extensions';
import { rootRouteRef } from './routes';

/**
 * Scorecards: every team sees how its software measures up, and what to fix
 * next. Adds the Scorecards page (and its sidebar item), an entity tab, an
 * entity overview card and a home page widget.
 */
export const scorecardsPlugin = createFrontendPlugin({
  pluginId: 'scorecards',
  title: 'Scorecards',
  icon: <AssessmentIcon />,
  routes: { root: rootRouteRef },
  extensions: [
    scorecardsApi,
    scorecardsPage,
    scorecardsEntityContent,
    scorecardsEntityCard,
    myTeamScorecardsWidget,
  ],
});
