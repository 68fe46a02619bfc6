import {
  coreServices,
  createBackendPlugin,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import {
  FactProvider,
  scorecardsFactProvidersExtensionPoint,
} from '@internal/plugin-scorecards-node';
import { ScorecardsStore } from './database/ScorecardsStore';
import { knownFacts } from './definitions/knownFacts';
import { ScorecardDefinitions } from './definitions/ScorecardDefinitions';
import { Evaluator } from './evaluation/Evaluator';
import { CatalogFactProvider } from './providers/CatalogFactProvider';
import { DocsFactProvider } from './providers/DocsFactProvider';
import { RepositoryFactProvider } from './providers/RepositoryFactProvider';
import { notifyLevelDrops } from './runs/notifyLevelDrops';
import { ScorecardRunner } from './runs/ScorecardRunner';
import { createRouter } from './service/router';

const FULL_RUN_TASK = 'scorecards-evaluate-all';
const CHANGES_TASK = 'scorecards-evaluate-changes';

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
        notifications: notificationService,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle } = deps;
        deps.permissionsRegistry.addPermissions(scorecardsPermissions);

        const providers: FactProvider[] = [
          new CatalogFactProvider(deps.catalog, deps.auth),
          new RepositoryFactProvider(deps.urlReader),
          new DocsFactProvider(deps),
          ...added,
        ];

        // After a definitions change: a run already going may have read the
        // old ones, so keep asking until a new run starts.
        let retry: NodeJS.Timeout | undefined;
        const triggerFullRunSoon = (attempt = 0) => {
          clearTimeout(retry);
          scheduler.triggerTask(FULL_RUN_TASK).catch(e => {
            if (attempt < 120) {
              retry = setTimeout(() => triggerFullRunSoon(attempt + 1), 5_000);
            } else {
              logger.warn(`Scorecards: could not start a full run: ${e}`);
            }
          });
        };
        lifecycle.addShutdownHook(() => clearTimeout(retry));

        const definitions = new ScorecardDefinitions({
          paths: config.getOptionalStringArray('scorecards.definitions') ?? [],
          facts: knownFacts(providers),
          logger,
          onChange: () => {
            scheduler
              .triggerTask(FULL_RUN_TASK)
              .catch(e =>
                logger.warn(`Scorecards: could not start a full run: ${e}`),
              );
          },
        });
        definitions.load();
        definitions.watch();
        lifecycle.addShutdownHook(() => definitions.close());

        const store = await ScorecardsStore.create({ database: deps.database });
        const runner = new ScorecardRunner({
          catalog: deps.catalog,
          auth: deps.auth,
          definitions,
          evaluator: new Evaluator(providers, logger),
          store,
          logger,
          onDrops: notifyLevelDrops({
            notifications: deps.notifications,
            definitions,
            logger,
          }),
        });

        await scheduler.scheduleTask({
          id: FULL_RUN_TASK,
          ...(config.has('scorecards.schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                config.getConfig('scorecards.schedule'),
              )
            : {
                frequency: { hours: 1 },
                timeout: { minutes: 30 },
                initialDelay: { seconds: 30 },
              }),
          // once across all replicas, whatever the config says
          scope: 'global',
          fn: async () => {
            await runner.evaluateAll();
          },
        });
        await scheduler.scheduleTask({
          id: CHANGES_TASK,
          scope: 'global',
          frequency: { seconds: 3 },
          timeout: { minutes: 10 },
          initialDelay: { seconds: 5 },
          fn: async () => {
            await runner.evaluateChanges();
          },
        });

        deps.httpRouter.use(
          await createRouter({
            ...deps,
            definitions,
            store,
            runner,
            triggerFullRun: () => scheduler.triggerTask(FULL_RUN_TASK),
          }),
        );
      },
    });
  },
});
