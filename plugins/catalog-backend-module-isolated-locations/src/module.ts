import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { IsolatedLocationTargetsProcessor } from './processor/IsolatedLocationTargetsProcessor';

/**
 * Catalog module that reads each target of a multi-target Location on its
 * own, so one malformed file does not hold back the rest.
 */
export const catalogModuleIsolatedLocations = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'isolated-locations',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ catalog, config }) {
        catalog.addProcessor(
          new IsolatedLocationTargetsProcessor(
            ScmIntegrations.fromConfig(config),
          ),
        );
      },
    });
  },
});
