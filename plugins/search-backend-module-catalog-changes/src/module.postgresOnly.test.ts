import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import knexFactory from 'knex';
import { searchModuleCatalogChanges } from './module';

describe('searchModuleCatalogChanges on a database other than Postgres', () => {
  it('does not subscribe to the change feed nor schedule its recheck, and says why', async () => {
    // mysql2 is installed but nothing listens: the engine's check fails as
    // it does on any database that is not Postgres 12 or later
    const knex = knexFactory({
      client: 'mysql2',
      connection: { host: '127.0.0.1', port: 1, user: 'nobody' },
    });
    const events = mockServices.events.mock();
    const scheduler = mockServices.scheduler.mock();
    const logger = mockServices.logger.mock();
    try {
      const backend = await startTestBackend({
        features: [
          searchModuleCatalogChanges,
          // a search plugin without an engine, so that the module is started
          createBackendPlugin({
            pluginId: 'search',
            register: reg =>
              reg.registerInit({ deps: {}, init: async () => {} }),
          }),
          mockServices.database.factory({ knex }),
          events.factory,
          scheduler.factory,
          logger.factory,
          catalogServiceMock.factory(),
        ],
      });
      await backend.stop();
    } finally {
      await knex.destroy();
    }
    expect(events.subscribe).not.toHaveBeenCalled();
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('The search database is not Postgres'),
    );
  });
});
