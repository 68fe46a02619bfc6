import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The access control page, mounted at `/access-control` by default. */
export const rootRouteRef = createRouteRef();
