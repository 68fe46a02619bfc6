import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techdocsGeneratorExtensionPoint } from '@backstage/plugin-techdocs-node';
import { NodeTechdocsGenerator } from './NodeTechdocsGenerator';

/**
 * Replaces TechDocs' MkDocs generator with the in-process Node one, unless
 * `techdocs.nodeGenerator.enabled` is false.
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
      },
      async init({ generators, config, logger }) {
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
      },
    });
  },
});
