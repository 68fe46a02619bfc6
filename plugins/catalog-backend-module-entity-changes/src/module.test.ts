import {
  createBackendModule,
  createBackendPlugin,
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  catalogProcessingExtensionPoint,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { CatalogEntityChanges } from '@internal/plugin-catalog-entity-changes-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { Knex } from 'knex';
import { catalogModuleEntityChanges } from './module';

// The module on the real catalog, events backend and Postgres: what a
// subscriber of the feed receives when entities are registered, changed,
// re-processed unchanged, and when the backend restarts.

jest.setTimeout(120_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': 'url:https://example.com/x.yaml',
      'backstage.io/managed-by-origin-location':
        'url:https://example.com/x.yaml',
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner },
});

/** One test database per plugin, kept across the backends of a test. */
function databasePerPlugin() {
  const clients = new Map<string, Promise<Knex>>();
  const client = (pluginId: string) => {
    if (!clients.has(pluginId)) {
      clients.set(pluginId, databases.init(databaseId));
    }
    return clients.get(pluginId)!;
  };
  return {
    client,
    factory: () =>
      createServiceFactory({
        service: coreServices.database,
        deps: { plugin: coreServices.pluginMetadata },
        factory: ({ plugin }) => ({ getClient: () => client(plugin.getId()) }),
      }),
  };
}

/** A backend with the module, a provider the test fills, and a subscriber. */
async function startBackend(database: ReturnType<typeof databasePerPlugin>) {
  let connection: EntityProviderConnection | undefined;
  const processed = new Map<string, number>();
  const delivered: string[] = [];

  const testCatalogModule = createBackendModule({
    pluginId: 'catalog',
    moduleId: 'test-entities',
    register(reg) {
      reg.registerInit({
        deps: { catalog: catalogProcessingExtensionPoint },
        async init({ catalog }) {
          catalog.addEntityProvider({
            getProviderName: () => 'test-entities',
            connect: async c => {
              connection = c;
            },
          });
          // counts every processing run, changed or not
          catalog.addProcessor({
            getProcessorName: () => 'CountingProcessor',
            postProcessEntity: async entity => {
              const ref = stringifyEntityRef(entity);
              processed.set(ref, (processed.get(ref) ?? 0) + 1);
              return entity;
            },
          });
        },
      });
    },
  });

  const subscriberPlugin = createBackendPlugin({
    pluginId: 'subscriber',
    register(reg) {
      reg.registerInit({
        deps: {
          events: eventsServiceRef,
          logger: coreServices.logger,
          lifecycle: coreServices.lifecycle,
        },
        async init({ events, logger, lifecycle }) {
          const changes = CatalogEntityChanges.create({
            events,
            logger,
            subscriberId: 'test',
            settleMs: 0,
          });
          lifecycle.addShutdownHook(() => changes.close());
          await changes.subscribe(async refs => {
            delivered.push(...refs);
          });
        },
      });
    },
  });

  const backend = await startTestBackend({
    features: [
      catalogPlugin,
      catalogModuleEntityChanges,
      testCatalogModule,
      eventsPlugin,
      subscriberPlugin,
      database.factory(),
      // the production events service: one in-process bus, and the hub
      eventsServiceFactory,
      mockServices.rootConfig.factory({
        data: {
          catalog: { processingInterval: { seconds: 1 } },
          // the hub holds a subscriber's poll open this long, and stopping
          // the backend waits for it (55 s by default)
          events: { notifyTimeoutMs: 1000 },
        },
      }),
    ],
  });

  const setEntities = async (entities: Entity[]) => {
    await waitUntil(async () => connection !== undefined, {
      timeoutMs: 10_000,
      what: 'the catalog to connect the test provider',
    });
    await connection!.applyMutation({
      type: 'full',
      entities: entities.map(entity => ({
        entity,
        locationKey: 'test-entities',
      })),
    });
  };
  const timesDelivered = (ref: string) =>
    delivered.filter(delivery => delivery === ref).length;
  const timesProcessed = (ref: string) => processed.get(ref) ?? 0;

  return {
    delivered,
    setEntities,
    stop: () => backend.stop(),
    timesDelivered,
    timesProcessed,
    waitForDeliveries: (ref: string, times: number) =>
      waitUntil(async () => timesDelivered(ref) >= times, {
        timeoutMs: 30_000,
        what: () =>
          `${ref} delivered ${times} times (processed ${timesProcessed(
            ref,
          )}); deliveries so far: ${JSON.stringify(delivered)}`,
      }),
    waitForProcessing: (ref: string, times: number) =>
      waitUntil(async () => timesProcessed(ref) >= times, {
        timeoutMs: 30_000,
        what: () =>
          `${ref} processed ${times} times (so far ${timesProcessed(ref)})`,
      }),
  };
}

describe('catalogModuleEntityChanges', () => {
  const a = 'component:default/a';
  const b = 'component:default/b';
  const c = 'component:default/c';

  it('delivers a registered entity and its change once each, not its unchanged re-processing', async () => {
    const database = databasePerPlugin();
    const backend = await startBackend(database);
    try {
      await backend.setEntities([
        component('a', 'team-a'),
        component('b', 'x'),
      ]);
      await backend.waitForDeliveries(a, 1);
      await backend.waitForDeliveries(b, 1);

      // unchanged re-processing, twice
      await backend.waitForProcessing(a, 3);
      await backend.waitForProcessing(b, 3);

      // the change is delivered after anything the re-processing announced
      await backend.setEntities([
        component('a', 'team-b'),
        component('b', 'x'),
      ]);
      await backend.waitForDeliveries(a, 2);
      expect(backend.timesDelivered(a)).toBe(2);
      expect(backend.timesDelivered(b)).toBe(1);

      // the hash the processor compares with is persisted by the catalog
      const catalogDb = await database.client('catalog');
      const [row] = await catalogDb('refresh_state')
        .where({ entity_ref: a })
        .select('cache');
      expect(JSON.parse(row.cache).cache).toEqual({
        EntityChangesProcessor: { hash: expect.any(String) },
      });
    } finally {
      await backend.stop();
    }
  });

  it('delivers nothing after a restart but what changed', async () => {
    const database = databasePerPlugin();
    const first = await startBackend(database);
    try {
      await first.setEntities([component('a', 'team-a'), component('b', 'x')]);
      await first.waitForDeliveries(a, 1);
      await first.waitForDeliveries(b, 1);
    } finally {
      await first.stop();
    }

    const second = await startBackend(database);
    try {
      // both re-processed by the new backend, unchanged
      await second.waitForProcessing(a, 2);
      await second.waitForProcessing(b, 2);
      await second.setEntities([
        component('a', 'team-a'),
        component('b', 'x'),
        component('c', 'x'),
      ]);
      await second.waitForDeliveries(c, 1);
      expect(second.delivered).toEqual([c]);
    } finally {
      await second.stop();
    }
  });
});
