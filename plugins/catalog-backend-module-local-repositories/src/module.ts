import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  LOCAL_REPOSITORIES_TOPIC,
  localRepositoriesRoot,
} from '@internal/plugin-local-repositories-node';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

/**
 * Registers the local git repositories the golden-path templates create: at
 * start-up, when a template announces a new one, and every minute.
 */
export const catalogModuleLocalRepositories = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'local-repositories',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({ catalog, config, logger, scheduler, events }) {
        const provider = new LocalRepositoriesProvider(
          localRepositoriesRoot(config),
          logger,
        );
        catalog.addEntityProvider(provider);
        await events.subscribe({
          id: 'catalog-local-repositories',
          topics: [LOCAL_REPOSITORIES_TOPIC],
          onEvent: () => provider.refresh(),
        });
        await scheduler.scheduleTask({
          id: 'catalog-local-repositories-refresh',
          frequency: { minutes: 1 },
          timeout: { minutes: 1 },
          initialDelay: { minutes: 1 },
          fn: () => provider.refresh(),
        });
      },
    });
  },
});
