import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { setupPermissions } from '@internal/plugin-setup-common';
import { providerLogsServiceRef } from './providerLogs/ProviderLogs';
import { createRouter } from './service/router';
import { SetupStatusService } from './service/SetupStatusService';

/**
 * Setup: serves Greenroom admins what the portal is set up with, each org
 * and discovery provider's last run, and the variables that set up what is
 * missing.
 */
export const setupPlugin = createBackendPlugin({
  pluginId: 'setup',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        httpRouter: coreServices.httpRouter,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        providerLogs: providerLogsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(setupPermissions);
        const service = SetupStatusService.create(deps);
        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, service }),
        );
      },
    });
  },
});
