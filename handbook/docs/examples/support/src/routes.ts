import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The Support page. */
export const rootRouteRef = createRouteRef();
