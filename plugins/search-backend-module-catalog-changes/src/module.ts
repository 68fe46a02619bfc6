import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { PgSearchEngine } from '@backstage/plugin-search-backend-module-pg';
import { durationToMilliseconds } from '@backstage/types';
import { CatalogEntityChanges } from '@internal/plugin-catalog-entity-changes-node';
import { CatalogChangesIndexer } from './service/CatalogChangesIndexer';
import { CatalogDocumentIndex } from './service/CatalogDocumentIndex';
import { CatalogDocuments } from './service/CatalogDocuments';

/** The stock catalog collator's default schedule timeout. */
const DEFAULT_FULL_RUN_TIMEOUT = { minutes: 15 };
const FULL_RUN_TIMEOUT_KEY = 'search.collators.catalog.schedule.timeout';

/**
 * Search module that indexes changed catalog entities into the Postgres
 * search index as the catalog announces them, between the full collator
 * runs. Loads only where the Postgres engine does.
 *
 * @public
 */
export const searchModuleCatalogChanges = createBackendModule({
  pluginId: 'search',
  moduleId: 'catalog-changes',
  register(reg) {
    reg.registerInit({
      deps: {
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        config: coreServices.rootConfig,
        database: coreServices.database,
        events: eventsServiceRef,
        lifecycle: coreServices.lifecycle,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
      },
      async init(deps) {
        const { config, database, events, lifecycle, logger, scheduler } = deps;
        // the condition under which the Postgres engine module registers
        if (!(await PgSearchEngine.supported(database))) {
          logger.warn(
            'The search database is not Postgres (12 or later), so the Postgres search engine is not used: changed catalog entities are indexed by the full collator runs only',
          );
          return;
        }
        const indexer = CatalogChangesIndexer.create({
          ...deps,
          documents: CatalogDocuments.fromConfig(config),
          index: await CatalogDocumentIndex.create(database),
          fullRunTimeoutMs: durationToMilliseconds(
            config.has(FULL_RUN_TIMEOUT_KEY)
              ? readDurationFromConfig(config, { key: FULL_RUN_TIMEOUT_KEY })
              : DEFAULT_FULL_RUN_TIMEOUT,
          ),
        });

        const changes = CatalogEntityChanges.create({
          events,
          logger,
          subscriberId: 'catalog-changes',
        });
        await changes.subscribe(entityRefs => indexer.index(entityRefs));
        lifecycle.addShutdownHook(() => changes.close());

        await scheduler.scheduleTask({
          id: 'search-catalog-changes-recheck',
          // the documents to recheck are the ones this instance wrote
          scope: 'local',
          frequency: { seconds: 20 },
          timeout: { minutes: 1 },
          fn: () => indexer.recheck(),
        });
      },
    });
  },
});
