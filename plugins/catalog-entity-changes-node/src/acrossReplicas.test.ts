import { setTimeout as sleep } from 'node:timers/promises';
import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import eventsPlugin from '@backstage/plugin-events-backend';
import {
  EventsService,
  eventsServiceFactory,
  eventsServiceRef,
} from '@backstage/plugin-events-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { Knex } from 'knex';
import { CatalogEntityChanges } from './CatalogEntityChanges';
import { CATALOG_ENTITY_CHANGES_TOPIC } from './topic';

jest.setTimeout(120_000);

const databases = createTestDatabases();

/** A replica: the events backend on the shared database, and what its plugins saw. */
type Replica = {
  stop: () => Promise<void>;
  /** Publishes on this replica's events service, as its catalog module does. */
  announce: (entityRefs: string[]) => Promise<void>;
  /** Refs its consumer was handed, if it runs one. */
  handled: string[];
};

/**
 * Starts a backend with the events backend (whose hub is on the shared
 * database) and the events service in bus mode; with `consumer`, also a
 * plugin that follows the feed as scorecards does.
 */
async function startReplica(knex: Knex, consumer: boolean): Promise<Replica> {
  const handled: string[] = [];
  let events: EventsService | undefined;
  const backend = await startTestBackend({
    features: [
      eventsPlugin,
      eventsServiceFactory,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({
        // short long-polls, so that a stopping replica need not wait 55 s
        data: { events: { useEventBus: 'always', notifyTimeoutMs: 2_000 } },
      }),
      createBackendPlugin({
        pluginId: 'publisher',
        register(env) {
          env.registerInit({
            deps: { events: eventsServiceRef },
            async init(deps) {
              events = deps.events;
            },
          });
        },
      }),
      ...(consumer
        ? [
            createBackendPlugin({
              pluginId: 'consumer',
              register(env) {
                env.registerInit({
                  deps: {
                    events: eventsServiceRef,
                    logger: coreServices.logger,
                    lifecycle: coreServices.lifecycle,
                  },
                  async init(deps) {
                    const changes = CatalogEntityChanges.create({
                      events: deps.events,
                      logger: deps.logger,
                      subscriberId: 'entity-changes',
                      settleMs: 0,
                    });
                    await changes.subscribe(async refs => {
                      handled.push(...refs);
                    });
                    deps.lifecycle.addShutdownHook(() => changes.close());
                  },
                });
              },
            }),
          ]
        : []),
    ],
  });
  return {
    stop: () => backend.stop(),
    announce: entityRefs =>
      events!.publish({
        topic: CATALOG_ENTITY_CHANGES_TOPIC,
        eventPayload: { entityRefs },
      }),
    handled,
  };
}

describe('the entity-change feed across replicas on one database', () => {
  const started: Replica[] = [];
  const start = async (knex: Knex, consumer: boolean) => {
    const replica = await startReplica(knex, consumer);
    started.push(replica);
    return replica;
  };
  afterEach(async () => {
    await Promise.all(started.splice(0).map(r => r.stop()));
  });

  it('hands each change to one replica: the one whose catalog announced it', async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const a = await start(knex, true);
    const b = await start(knex, true);

    await a.announce(['component:default/one', 'component:default/two']);
    await b.announce(['component:default/three']);
    await waitUntil(async () => a.handled.length + b.handled.length >= 3, {
      timeoutMs: 30_000,
      what: 'the three changes handled',
    });
    // a second delivery through the hub would come within its poll
    await sleep(3_000);

    expect(a.handled.sort()).toEqual([
      'component:default/one',
      'component:default/two',
    ]);
    expect(b.handled).toEqual(['component:default/three']);
  });

  it('carries a change to the other replica through the hub when only that one follows the feed', async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const a = await start(knex, false);
    const b = await start(knex, true);
    // B's subscription is known to the hub once B has polled it
    await waitUntil(
      async () =>
        (await knex('event_bus_subscriptions')
          .where('id', 'consumer.entity-changes')
          .first()) !== undefined,
      { timeoutMs: 30_000, what: "B's subscription registered at the hub" },
    );

    await a.announce(['component:default/far-away']);
    await waitUntil(
      async () => b.handled.includes('component:default/far-away'),
      { timeoutMs: 30_000, what: 'the change handled on B' },
    );
    await sleep(3_000);
    expect(b.handled).toEqual(['component:default/far-away']);
  });
});
