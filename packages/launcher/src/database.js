// @ts-check
const path = require('node:path');
const { Client } = require('pg');
const { externalDatabaseFromEnv } = require('./databaseSettings');
const { assertPostgresReachable } = require('./preflight');
const { startEmbeddedPostgres } = require('./embeddedPostgres');

/**
 * The Postgres the portal should use: the external one named by POSTGRES_HOST
 * when set (checked to be reachable), else the embedded one started here.
 *
 * @param {{ root: string, env?: NodeJS.ProcessEnv, log?: (line: string) => void }} options
 */
async function providePostgres({ root, env = process.env, log = () => {} }) {
  const external = externalDatabaseFromEnv(env);
  if (external) {
    await assertPostgresReachable(external);
    log(`using the PostgreSQL server at ${external.host}:${external.port}`);
    return {
      connection: external,
      embedded: /** @type {const} */ (false),
      stop: async () => {},
    };
  }
  const port = Number(env.GREENROOM_PG_PORT ?? 5433);
  const dataDir = path.resolve(root, env.GREENROOM_PG_DATA ?? '.data/postgres');
  log(`starting the embedded PostgreSQL on port ${port}, data in ${dataDir}`);
  const server = await startEmbeddedPostgres({ dataDir, port, log });
  return { ...server, embedded: /** @type {const} */ (true), dataDir };
}

/**
 * For tests: the machine's own Postgres at 127.0.0.1:5432 when it answers
 * (CI has one), else an embedded one in `.data/test-postgres`.
 *
 * @param {{ root: string, log?: (line: string) => void }} options
 */
async function provideTestPostgres({ root, log = () => {} }) {
  if (process.env.POSTGRES_HOST) {
    return providePostgres({ root, log });
  }
  const local = {
    host: '127.0.0.1',
    port: 5432,
    user: 'postgres',
    password: '',
  };
  try {
    await assertPostgresReachable(local, { timeoutMs: 2000 });
    log('using the PostgreSQL server at 127.0.0.1:5432');
    return {
      connection: local,
      embedded: /** @type {const} */ (false),
      stop: async () => {},
    };
  } catch {
    return providePostgres({
      root,
      log,
      env: {
        GREENROOM_PG_PORT: process.env.GREENROOM_TEST_PG_PORT ?? '5434',
        GREENROOM_PG_DATA: '.data/test-postgres',
      },
    });
  }
}

/**
 * Drops every database whose name starts with `prefix`, so that a test run
 * starts from an empty catalog.
 *
 * @param {import('./databaseSettings').DatabaseSettings} db
 * @param {string} prefix
 */
async function dropDatabases(db, prefix) {
  const client = new Client({ ...db, database: 'postgres' });
  await client.connect();
  try {
    const { rows } = await client.query(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    );
    for (const { datname } of rows) {
      await client.query(
        `DROP DATABASE ${client.escapeIdentifier(datname)} WITH (FORCE)`,
      );
    }
  } finally {
    await client.end();
  }
}

module.exports = { providePostgres, provideTestPostgres, dropDatabases };
