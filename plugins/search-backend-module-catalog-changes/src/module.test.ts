import request from 'supertest';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  GetEntitiesByRefsRequest,
  QueryEntitiesRequest,
} from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalogCollator from '@backstage/plugin-search-backend-module-catalog';
import searchModulePostgresEngine from '@backstage/plugin-search-backend-module-pg';
import { CATALOG_ENTITY_CHANGES_TOPIC } from '@internal/plugin-catalog-entity-changes-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { searchModuleCatalogChanges } from './module';

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

/** The stock catalog collator's task (search-backend-node's IndexBuilder names it). */
const FULL_RUN_TASK = 'search_index_software_catalog';
const RECHECK_TASK = 'search-catalog-changes-recheck';
// the feed settles 2 s, then the module fetches and writes
const WAIT = { timeoutMs: 20_000 };
jest.setTimeout(40_000);

const running: { stop(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map(backend => backend.stop()));
});

const component = (name: string, description: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', description },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

type Row = { location: string; text: string; hash: string; xmin: string };

/**
 * A backend with the search plugin, the Postgres engine, the stock catalog
 * collator and this module on a fresh database, over a catalog the test
 * replaces with `setCatalog`. Full runs happen only when the test triggers one.
 */
async function startSearch(
  options: {
    entities?: Entity[];
    config?: JsonObject;
    /** answers the collator's queryEntities instead of the catalog */
    queryEntities?: (request: QueryEntitiesRequest) => Promise<unknown>;
  } = {},
) {
  const knex = await databases.init(databaseId);
  const events = mockServices.events();
  const scheduler = mockServices.scheduler();
  let catalog = new InMemoryCatalogClient({ entities: options.entities });
  const catalogMock = catalogServiceMock.mock({
    getEntitiesByRefs: async (req: GetEntitiesByRefsRequest) =>
      catalog.getEntitiesByRefs(req),
    queryEntities: async (req?: QueryEntitiesRequest) =>
      (options.queryEntities?.(req ?? {}) ??
        catalog.queryEntities(req)) as ReturnType<
        InMemoryCatalogClient['queryEntities']
      >,
  });
  const backend = await startTestBackend({
    features: [
      searchPlugin,
      searchModulePostgresEngine,
      searchModuleCatalogCollator,
      searchModuleCatalogChanges,
      mockServices.database.factory({ knex }),
      mockServices.rootConfig.factory({ data: options.config ?? {} }),
      // tasks run only when the test triggers them
      createServiceFactory({
        service: coreServices.scheduler,
        deps: {},
        factory: () => scheduler,
      }),
      createServiceFactory({
        service: eventsServiceRef,
        deps: {},
        factory: () => events,
      }),
      catalogMock.factory,
    ],
  });

  running.push(backend);

  return {
    backend,
    catalogMock,
    scheduler,
    setCatalog(entities: Entity[]) {
      catalog = new InMemoryCatalogClient({ entities });
    },
    /** What the catalog module publishes when it processed a changed entity. */
    announce: (...entityRefs: string[]) =>
      events.publish({
        topic: CATALOG_ENTITY_CHANGES_TOPIC,
        eventPayload: { entityRefs },
      }),
    fullRun: () => scheduler.triggerTask(FULL_RUN_TASK),
    /** The locations of the catalog documents the search API finds for `term`. */
    async find(term: string): Promise<string[]> {
      const res = await request(backend.server)
        .get('/api/search/query')
        .query({ term, types: ['software-catalog'] })
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      return res.body.results.map(
        (r: { document: { location: string } }) => r.document.location,
      );
    },
    /** The entity's rows in the engine's table. */
    async rows(resourceRef: string): Promise<Row[]> {
      return knex('documents')
        .where('type', 'software-catalog')
        .whereRaw(`document->'authorization'->>'resourceRef' = ?`, [
          resourceRef,
        ])
        .select(
          knex.raw(`document->>'location' as location`),
          knex.raw(`document->>'text' as text`),
          knex.raw(`encode(hash, 'hex') as hash`),
          knex.raw('xmin::text as xmin'),
        );
    },
  };
}

describe('searchModuleCatalogChanges', () => {
  const ORDERS = 'component:default/orders';
  const PAYMENTS = 'component:default/payments';
  /** Where the search results link to the entity. */
  const ORDERS_PAGE = '/catalog/default/component/orders';

  it('makes a changed entity findable through the search query without a full collator run', async () => {
    const search = await startSearch({
      entities: [component('orders', 'Takes orders by telephone')],
    });
    await search.fullRun();
    expect(await search.find('telephone')).toEqual([ORDERS_PAGE]);

    search.setCatalog([component('orders', 'Takes orders by carrier pigeon')]);
    await search.announce(ORDERS);

    await waitUntil(async () => (await search.find('pigeon')).length > 0, {
      ...WAIT,
      what: 'the changed entity to be found by its new description',
    });
    expect(await search.find('pigeon')).toEqual([ORDERS_PAGE]);
    expect(await search.find('telephone')).toEqual([]);
    expect(await search.rows(ORDERS)).toHaveLength(1);
  });

  it('indexes a new entity with the location and text the collator gives it', async () => {
    const search = await startSearch({
      config: {
        search: {
          collators: {
            catalog: { locationTemplate: '/software/:kind/:namespace/:name' },
          },
        },
      },
    });
    search.setCatalog([component('orders', 'Takes orders by telephone')]);
    await search.announce(ORDERS);

    await waitUntil(async () => (await search.rows(ORDERS)).length > 0, {
      ...WAIT,
      what: 'the new entity to be indexed',
    });
    expect(await search.rows(ORDERS)).toEqual([
      expect.objectContaining({
        location: '/software/component/default/orders',
        text: 'Takes orders by telephone',
      }),
    ]);
  });

  it('does not rewrite the document of an entity whose document did not change', async () => {
    const orders = component('orders', 'Takes orders by telephone');
    const search = await startSearch({ entities: [orders] });
    await search.fullRun();
    const [before] = await search.rows(ORDERS);

    // announced in one batch with a new entity, whose document is written
    // in the same transaction
    search.setCatalog([orders, component('payments', 'Takes payments')]);
    await search.announce(ORDERS, PAYMENTS);
    await waitUntil(async () => (await search.rows(PAYMENTS)).length > 0, {
      ...WAIT,
      what: 'the batch to be indexed',
    });

    expect(await search.rows(ORDERS)).toEqual([before]);
  });

  it('leaves one document after a full run follows an incremental upsert', async () => {
    const search = await startSearch();
    search.setCatalog([component('orders', 'Takes orders by telephone')]);
    await search.announce(ORDERS);
    await waitUntil(async () => (await search.rows(ORDERS)).length > 0, {
      ...WAIT,
      what: 'the new entity to be indexed',
    });
    const [incremental] = await search.rows(ORDERS);

    await search.fullRun();

    // the same row: the full run wrote the same document, byte for byte
    expect(await search.rows(ORDERS)).toEqual([incremental]);
    expect(await search.find('telephone')).toEqual([ORDERS_PAGE]);
  });

  it('indexes again an entity whose change a full run that read it earlier undid', async () => {
    // The collator reads one entity per page; the second page waits for the
    // test, so the run has read "orders" before it changes.
    let releaseSecondPage = () => {};
    const secondPage = new Promise<void>(resolve => {
      releaseSecondPage = resolve;
    });
    const entities = [
      component('orders', 'Takes orders by telephone'),
      component('payments', 'Takes payments'),
    ];
    let pagesRead = 0;
    const search = await startSearch({
      entities,
      config: { search: { collators: { catalog: { batchSize: 1 } } } },
      queryEntities: async req => {
        pagesRead += 1;
        const catalog = new InMemoryCatalogClient({ entities });
        if ('cursor' in req) {
          await secondPage;
        }
        return catalog.queryEntities(req);
      },
    });
    const fullRun = search.fullRun();
    await waitUntil(async () => pagesRead === 2, {
      ...WAIT,
      what: 'the full run to ask for its second page',
    });

    search.setCatalog([
      component('orders', 'Takes orders by carrier pigeon'),
      entities[1],
    ]);
    await search.announce(ORDERS);
    await waitUntil(async () => (await search.find('pigeon')).length > 0, {
      ...WAIT,
      what: 'the change to be indexed',
    });
    releaseSecondPage();
    await fullRun;
    // what the full run read is what it indexed
    expect(await search.find('pigeon')).toEqual([]);

    await search.scheduler.triggerTask(RECHECK_TASK);

    expect(await search.find('pigeon')).toEqual([ORDERS_PAGE]);
    expect(await search.rows(ORDERS)).toHaveLength(1);
  });

  it('removes the document of an entity that no longer matches search.collators.catalog.filter', async () => {
    const search = await startSearch({
      entities: [component('orders', 'Takes orders by telephone')],
      config: {
        search: {
          collators: {
            catalog: { filter: { 'spec.lifecycle': 'production' } },
          },
        },
      },
    });
    await search.fullRun();
    expect(await search.rows(ORDERS)).toHaveLength(1);

    const retired = component('orders', 'Takes orders by telephone');
    retired.spec!.lifecycle = 'deprecated';
    search.setCatalog([retired]);
    await search.announce(ORDERS);

    await waitUntil(async () => (await search.rows(ORDERS)).length === 0, {
      ...WAIT,
      what: 'the filtered-out entity to be removed from the index',
    });
  });
});
