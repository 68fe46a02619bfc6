import { createRouteRef } from '@backstage/frontend-plugin-api';

/** The setup page, mounted at `/setup` by default. */
export const rootRouteRef = createRouteRef();
