import { mockServices } from '@backstage/backend-test-utils';
import knexFactory from 'knex';
import { ScorecardsStore } from './ScorecardsStore';

describe('ScorecardsStore on a database other than Postgres', () => {
  it('refuses to start, naming the client and that Postgres is needed, before any query', async () => {
    // mysql2 is installed but nothing listens: a query would fail to connect
    const knex = knexFactory({
      client: 'mysql2',
      connection: { host: '127.0.0.1', port: 1, user: 'nobody' },
    });
    try {
      await expect(
        ScorecardsStore.create({
          database: mockServices.database({ knex }),
        }),
      ).rejects.toThrow(
        "The scorecards backend needs PostgreSQL, but its database uses the 'mysql2' client; set backend.database.client to 'pg'",
      );
    } finally {
      await knex.destroy();
    }
  });
});
