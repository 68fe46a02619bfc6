import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { InventoryEntityProvider } from './InventoryEntityProvider';

/** Adds the inventory's services to the catalog. */
export const catalogModuleInventory = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'inventory',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init({ catalog, config, logger, scheduler }) {
        const provider = InventoryEntityProvider.fromConfig(config, {
          scheduler,
          logger,
        });
        if (provider) catalog.addEntityProvider(provider);
      },
    });
  },
});
