import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Scorecards page, mounted at `/scorecards` by default. */
export const rootRouteRef = createRouteRef();

/** The path of the entity page's scorecards tab, below the entity page. */
export const ENTITY_TAB_PATH = 'scorecards';
