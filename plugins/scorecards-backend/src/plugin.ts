import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { CatalogEntityChanges } from '@internal/plugin-catalog-entity-changes-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import {
  FactProvider,
  scorecardsFactProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { CatalogFactProvider } from './providers/CatalogFactProvider';
import { DocsFactProvider } from './providers/DocsFactProvider';
import { RepositoryFactProvider } from './providers/RepositoryFactProvider';
import { scheduledFullRun } from './runs/scheduledFullRun';
import { createScorecardsActions } from './actions/createScorecardsActions';
import { createRouter } from './service/router';
import { ScorecardsService } from './service/ScorecardsService';

const FULL_RUN_TASK = 'scorecards-evaluate-all';

/**
 * Scorecards: evaluates catalog entities against scorecards defined as code,
 * stores results and daily history in Postgres, and serves them.
 */
export const scorecardsPlugin = createBackendPlugin({
  pluginId: 'scorecards',
  register(env) {
    const added: FactProvider[] = [];
    env.registerExtensionPoint(scorecardsFactProvidersExtensionPoint, {
      addFactProvider(...providers) {
        added.push(...providers);
      },
    });

    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        urlReader: coreServices.urlReader,
        cache: coreServices.cache,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
        notifications: notificationService,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle, events } = deps;
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);

        const service = await ScorecardsService.create({
          ...deps,
          definitions:
            config.getOptionalStringArray('scorecards.definitions') ?? [],
          factProviders: [
            new CatalogFactProvider(deps.catalog, deps.auth),
            new RepositoryFactProvider(deps.urlReader),
            new DocsFactProvider(deps),
            ...added,
          ],
          watchDefinitions: true,
          triggerFullRun: () => scheduler.triggerTask(FULL_RUN_TASK),
        });
        lifecycle.addShutdownHook(() => service.close());

        // Changed entities, as the catalog processes them: each batch once
        // across replicas.
        const changes = CatalogEntityChanges.create({
          events,
          logger,
          subscriberId: 'entity-changes',
        });
        lifecycle.addShutdownHook(() => changes.close());

        // The safety net: facts that change outside the catalog, entities
        // whose change was missed, and forgetting deleted ones. On the
        // schedule it skips the entities evaluated in the last 10 min at their
        // current etag; one asked for (a refresh, changed definitions)
        // evaluates them all. The first run waits a minute, and no longer: the
        // scheduler starts its worker only after the delay, so a refresh asked
        // for sooner waits for it too. Later starts keep the schedule the
        // database has. A run (a refresh too) starts once the change feed has
        // been quiet for 30 s; after 25 min of changes an hourly one skips
        // its turn (src/runs/scheduledFullRun.ts).
        await scheduler.scheduleTask({
          id: FULL_RUN_TASK,
          ...(config.has('scorecards.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('scorecards.schedule'),
              )
            : {
                frequency: { hours: 1 },
                timeout: { minutes: 30 },
                initialDelay: { minutes: 1 },
              }),
          // once across all replicas, whatever the config says
          scope: 'global',
          fn: signal => scheduledFullRun({ changes, service, logger, signal }),
        });

        await changes.subscribe(refs => service.evaluateChanged(refs));

        deps.httpRouter.use(
          await createRouter({ httpAuth: deps.httpAuth, service }),
        );
        // the same reads for agents, through the MCP server
        createScorecardsActions({
          actionsRegistry: deps.actionsRegistry,
          service,
        });
      },
    });
  },
});
