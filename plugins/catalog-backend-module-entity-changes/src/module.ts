import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { EntityChangesProcessor } from './processor/EntityChangesProcessor';
import { EntityChangePublisher } from './publisher/EntityChangePublisher';

/**
 * Catalog module that announces the refs of entities whose processed form
 * changed on the `greenroom.catalog.entity-changes` events topic.
 *
 * @public
 */
export const catalogModuleEntityChanges = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'entity-changes',
  register(reg) {
    reg.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        events: eventsServiceRef,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
      },
      async init({ catalog, events, logger, lifecycle }) {
        const publisher = EntityChangePublisher.create({ events, logger });
        lifecycle.addShutdownHook(() => publisher.close());
        catalog.addProcessor(
          EntityChangesProcessor.create({ sink: publisher }),
        );
      },
    });
  },
});
