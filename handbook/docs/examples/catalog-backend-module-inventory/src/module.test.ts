import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { catalogModuleInventory } from './module';

jest.setTimeout(120_000);

// The real catalog backend on Postgres (scripts/with-test-postgres.js
// provides one), with this module and an inventory of two services.
const databases = createTestDatabases();

describe('the inventory provider in a catalog backend', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleInventory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            catalog: {
              providers: {
                inventory: {
                  services: [
                    {
                      name: 'billing-service',
                      owner: 'team-payments',
                      description: 'Sends the invoices',
                    },
                    {
                      name: 'legacy-ledger',
                      owner: 'team-payments',
                      lifecycle: 'deprecated',
                    },
                  ],
                },
              },
            },
          },
        }),
      ],
    }));
  });

  /** The entity from the catalog's API, once the catalog has processed it. */
  /** The component once the catalog serves it (providers run on a schedule). */
  async function served(name: string) {
    let res: request.Response | undefined;
    await waitUntil(
      async () => {
        res = await request(server)
          .get(`/api/catalog/entities/by-name/component/default/${name}`)
          .set('Authorization', mockCredentials.user.header());
        return res.status === 200;
      },
      {
        timeoutMs: 60_000,
        intervalMs: 200,
        what: () => `component:default/${name} to be served (${res?.status})`,
      },
    );
    return res!.body;
  }

  it('serves each service of the inventory as a component', async () => {
    const billing = await served('billing-service');
    expect(billing.metadata.description).toBe('Sends the invoices');
    expect(billing.spec).toEqual({
      type: 'service',
      lifecycle: 'production',
      owner: 'team-payments',
    });
    expect(billing.relations).toContainEqual({
      type: 'ownedBy',
      targetRef: 'group:default/team-payments',
    });

    const ledger = await served('legacy-ledger');
    expect(ledger.spec.lifecycle).toBe('deprecated');
  });

  it("says where the entity came from: the provider's location", async () => {
    const billing = await served('billing-service');
    expect(billing.metadata.annotations).toMatchObject({
      'backstage.io/managed-by-location':
        'inventory:catalog.providers.inventory',
      'backstage.io/managed-by-origin-location':
        'inventory:catalog.providers.inventory',
    });
  });
});
