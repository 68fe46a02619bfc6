import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import type { TestDatabases } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';

/**
 * A database service giving each plugin a fresh database of its own, the
 * same one to every backend the factory is added to: replicas on one
 * Postgres, as production's `backend.database.prefix` gives them.
 */
export function sharedPluginDatabases(databases: TestDatabases) {
  const [[databaseId]] = databases.eachSupportedId();
  const byPlugin = new Map<string, Promise<Knex>>();
  return createServiceFactory({
    service: coreServices.database,
    deps: { pluginMetadata: coreServices.pluginMetadata },
    factory({ pluginMetadata }) {
      const id = pluginMetadata.getId();
      if (!byPlugin.has(id)) byPlugin.set(id, databases.init(databaseId));
      return {
        getClient: () => byPlugin.get(id)!,
        migrations: { skip: false },
      };
    },
  });
}
