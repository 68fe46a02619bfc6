import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { providerLogsServiceRef } from './ProviderLogs';

/**
 * The plugins' logger, as the default one (the root logger's child with the
 * plugin id), except that the catalog's also records what its providers'
 * scheduled tasks log, for the setup page to show each provider's last run.
 *
 * @public
 */
export const catalogProviderLogsServiceFactory = createServiceFactory({
  service: coreServices.logger,
  deps: {
    rootLogger: coreServices.rootLogger,
    plugin: coreServices.pluginMetadata,
    providerLogs: providerLogsServiceRef,
  },
  factory({ rootLogger, plugin, providerLogs }) {
    const logger = rootLogger.child({ plugin: plugin.getId() });
    return plugin.getId() === 'catalog' ? providerLogs.wrap(logger) : logger;
  },
});
