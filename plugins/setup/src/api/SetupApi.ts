import { createApiRef } from '@backstage/frontend-plugin-api';
import { SetupStatus } from '@internal/plugin-setup-common';

/** Reads the setup status from the setup backend. */
export interface SetupApi {
  /**
   * What the portal is set up with, and what is missing. Greenroom admins
   * only: anyone else gets a ResponseError with status 403.
   */
  getStatus(): Promise<SetupStatus>;
}

/** The API ref of {@link SetupApi}. */
export const setupApiRef = createApiRef<SetupApi>().with({
  id: 'plugin.setup.api',
  pluginId: 'setup',
});
