import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ENTITY_TAB_PATH } from '../routes';

/** The entity kinds scorecards are shown for. */
const scoredKinds = {
  kind: { $in: ['component', 'api', 'resource', 'system'] },
};

/** The entity page's "Scorecards" tab. */
export const scorecardsEntityContent = EntityContentBlueprint.make({
  name: 'scorecards',
  params: {
    path: `/${ENTITY_TAB_PATH}`,
    title: 'Scorecards',
    filter: scoredKinds,
    loader: () =>
      import('../components/EntityScorecardsContent').then(m => (
        <m.EntityScorecardsContent />
      )),
  },
});

/** The entity overview's small "Scorecards" card: a level per scorecard. */
export const scorecardsEntityCard = EntityCardBlueprint.make({
  name: 'scorecards',
  params: {
    type: 'info',
    filter: scoredKinds,
    loader: () =>
      import('../components/EntityScorecardsCard').then(m => (
        <m.EntityScorecardsCard />
      )),
  },
});
