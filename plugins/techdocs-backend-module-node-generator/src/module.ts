import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { techdocsGeneratorExtensionPoint } from '@backstage/plugin-techdocs-node';
import { TechDocsClient } from '@internal/plugin-techdocs-client-node';
import { NodeTechdocsGenerator } from './NodeTechdocsGenerator';
import { SitePrebuilder } from './prebuild/SitePrebuilder';

/**
 * Replaces TechDocs' MkDocs generator with the in-process Node one, unless
 * `techdocs.nodeGenerator.enabled` is false, and builds documented entities'
 * sites ahead of their first view.
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
        catalog: catalogServiceRef,
      },
      async init({
        generators,
        config,
        logger,
        scheduler,
        auth,
        discovery,
        catalog,
      }) {
        const settings = config.getOptionalConfig('techdocs.nodeGenerator');
        if (settings?.getOptionalBoolean('enabled') === false) {
          logger.info(
            'TechDocs Node generator disabled: using the MkDocs generator',
          );
          return;
        }
        generators.setTechdocsGenerator(
          new NodeTechdocsGenerator({
            envAllowlist: settings?.getOptionalStringArray('envAllowlist'),
            maxPageBytes: settings?.getOptionalNumber('maxPageBytes'),
          }),
        );
        logger.info('TechDocs sites are built by the Node generator');

        const prebuilder = new SitePrebuilder({
          catalog,
          auth,
          techdocs: TechDocsClient.create({ auth, discovery }),
          logger,
        });
        await scheduler.scheduleTask({
          id: 'techdocs-node-generator-prebuild',
          frequency: { seconds: 10 },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 3 },
          fn: async signal => {
            await prebuilder.run({ signal });
          },
        });
      },
    });
  },
});
