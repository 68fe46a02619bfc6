import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import { createTestDatabases } from '@internal/test-utils';
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
  async function served(name: string) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const res = await request(server)
        .get(`/api/catalog/entities/by-name/component/default/${name}`)
        .set('Authorization', mockCredentials.user.header());
      if (res.status === 200) return res.body;
      if (Date.now() > deadline) {
        throw new Error(
          `component:default/${name} never served: ${res.status}`,
        );
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
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
