import {
  coreServices,
  createBackendModule,
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
} from '@backstage/backend-plugin-api';
import { readDurationFromConfig } from '@backstage/config';
import { toError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  Preparers,
  Publisher,
  techdocsGeneratorExtensionPoint,
} from '@backstage/plugin-techdocs-node';
import { durationToMilliseconds } from '@backstage/types';
import { CatalogEntityChanges } from '@internal/plugin-catalog-entity-changes-node';
import { NodeTechdocsGenerator } from './NodeTechdocsGenerator';
import { PrebuildStore } from './prebuild/PrebuildStore';
import { DirectLocalLookups } from './prebuild/DirectLocalLookups';
import { SiteBuildStates } from './prebuild/SiteBuildStates';
import { SiteBuilder, demoted } from './prebuild/SiteBuilder';
import { SitePrebuilder } from './prebuild/SitePrebuilder';
import { createRouter } from './prebuild/router';

const RECONCILE_TASK = 'techdocs-node-generator-prebuild-reconcile';

/**
 * Replaces TechDocs' MkDocs generator with the in-process Node one, unless
 * `techdocs.nodeGenerator.enabled` is false; builds documented entities'
 * sites ahead of their first view, once per change, with the state in
 * Postgres; and serves the docs build states at `/node-generator/build-states`.
 */
export const techdocsModuleNodeGenerator = createBackendModule({
  pluginId: 'techdocs',
  moduleId: 'node-generator',
  register(reg) {
    reg.registerInit({
      deps: {
        generators: techdocsGeneratorExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        scheduler: coreServices.scheduler,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        urlReader: coreServices.urlReader,
        lifecycle: coreServices.lifecycle,
        catalog: catalogServiceRef,
        events: eventsServiceRef,
      },
      async init(deps) {
        const { config, logger, scheduler, lifecycle } = deps;
        const settings = config.getOptionalConfig('techdocs.nodeGenerator');
        const prebuild = settings?.getOptionalConfig('prebuild');

        // TechDocs' own publisher, from the same config: sites are read and
        // published where the TechDocs backend serves them.
        const publisher = DirectLocalLookups.wrap(
          await Publisher.fromConfig(config, {
            logger: demoted(logger),
            discovery: deps.discovery,
          }),
          config,
        );
        const store = await PrebuildStore.create({ database: deps.database });
        deps.httpRouter.use(
          await createRouter({
            httpAuth: deps.httpAuth,
            states: SiteBuildStates.create({ store, publisher }),
          }),
        );

        if (settings?.getOptionalBoolean('enabled') === false) {
          logger.info(
            'TechDocs Node generator disabled: using the MkDocs generator',
          );
          return;
        }
        const generator = NodeTechdocsGenerator.fromConfig(config);
        deps.generators.setTechdocsGenerator(generator);
        logger.info('TechDocs sites are built by the Node generator');

        if (
          prebuild?.getOptionalBoolean('enabled') === false ||
          config.getOptionalString('techdocs.builder') !== 'local'
        ) {
          lifecycle.addShutdownHook(() => generator.close());
          return;
        }
        const prebuilder = SitePrebuilder.create({
          store,
          publisher,
          catalog: deps.catalog,
          auth: deps.auth,
          logger,
          concurrency: prebuild?.getOptionalNumber('concurrency'),
          share: prebuild?.getOptionalNumber('share'),
          pauseBetweenBuildsMs: prebuild?.has('pauseBetweenBuilds')
            ? durationToMilliseconds(
                readDurationFromConfig(prebuild, { key: 'pauseBetweenBuilds' }),
              )
            : undefined,
          builder: SiteBuilder.create({
            preparers: await Preparers.fromConfig(config, {
              logger: demoted(logger),
              reader: deps.urlReader,
            }),
            generator,
            publisher,
            scmIntegrations: ScmIntegrations.fromConfig(config),
            logger,
            workingDirectory: config.getOptionalString(
              'backend.workingDirectory',
            ),
          }),
        });

        const changes = CatalogEntityChanges.create({
          events: deps.events,
          logger,
          subscriberId: 'techdocs-node-generator-prebuild',
        });
        await changes.subscribe(refs => prebuilder.handleChanges(refs));

        await scheduler.scheduleTask({
          id: RECONCILE_TASK,
          ...(prebuild?.has('schedule')
            ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
                prebuild.getConfig('schedule'),
              )
            : {
                frequency: { hours: 1 },
                timeout: { minutes: 30 },
                initialDelay: { minutes: 1 },
              }),
          // once across all replicas, whatever the config says
          scope: 'global',
          fn: async signal => {
            try {
              // behind the catalog's own work: not in the middle of an
              // ingestion, whose changes the feed delivers anyway
              if (!(await changes.whenQuiet({ signal }))) {
                signal.throwIfAborted();
                logger.info(
                  'Docs prebuild reconciliation skips its turn: the catalog is still ingesting, and the change feed brings what it changes',
                );
                return;
              }
              await prebuilder.reconcile({ signal });
            } catch (e) {
              if (signal.aborted) throw e;
              logger.warn(
                `Docs prebuild reconciliation failed, nothing was marked; the next one runs as scheduled: ${
                  toError(e).message
                }`,
              );
            }
          },
        });

        lifecycle.addStartupHook(() => prebuilder.start());
        // One hook, in order: a build cut short by its worker's end would
        // be recorded as failed.
        lifecycle.addShutdownHook(async () => {
          changes.close();
          await prebuilder.close();
          await generator.close();
        });
      },
    });
  },
});
