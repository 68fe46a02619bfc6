import {
  coreServices,
  createServiceFactory,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { ServerPermissionClient } from '@backstage/plugin-permission-node';
import { SERVICES_CONFIG_KEY, ServicePermissions } from './ServicePermissions';

/** `greenroom.accessControl.services`: per calling plugin, what it may do beyond reading. */
export function readServiceGrants(
  config: RootConfigService,
): Map<string, Set<string>> {
  const services = config.getOptionalConfig(SERVICES_CONFIG_KEY);
  return new Map(
    (services?.keys() ?? []).map(pluginId => [
      pluginId,
      new Set(services!.getStringArray(pluginId)),
    ]),
  );
}

/**
 * Every plugin's permissions service, as Backstage's own (the permission
 * backend decides for users, access restrictions for external callers), but
 * with a narrow policy for other plugins calling on their own behalf: see
 * {@link ServicePermissions}.
 */
export const servicePermissionsServiceFactory = createServiceFactory({
  service: coreServices.permissions,
  deps: {
    auth: coreServices.auth,
    config: coreServices.rootConfig,
    discovery: coreServices.discovery,
    logger: coreServices.logger,
    plugin: coreServices.pluginMetadata,
  },
  factory({ auth, config, discovery, logger, plugin }) {
    return ServicePermissions.create({
      pluginId: plugin.getId(),
      inner: ServerPermissionClient.fromConfig(config, { auth, discovery }),
      grants: readServiceGrants(config),
      auth,
      logger,
    });
  },
});
