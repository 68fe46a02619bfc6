// @ts-check
const net = require('node:net');
const { Client } = require('pg');
const { LaunchError } = require('./LaunchError');

/**
 * Fails with a LaunchError naming the port and what needs it when something
 * already listens there.
 *
 * @param {number} port
 * @param {string} purpose what would listen there, e.g. "the backend"
 * @param {string} hint what to do about it
 */
async function assertPortFree(port, purpose, hint) {
  await new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', (/** @type {NodeJS.ErrnoException} */ error) => {
      if (error.code === 'EADDRINUSE') {
        reject(
          new LaunchError(
            `Port ${port} is already in use, so ${purpose} cannot start. ` +
              `Stop the program listening there (\`lsof -i :${port}\` or \`ss -ltnp 'sport = :${port}'\` shows which)${
                hint ? ` or ${hint}` : ''
              }.`,
          ),
        );
      } else {
        reject(error);
      }
    });
    server.listen({ port }, () => server.close(resolve));
  });
}

/**
 * Connects to an external Postgres once, and fails with a LaunchError naming
 * the server and what to do when it cannot be reached or refuses the login.
 *
 * @param {import('./databaseSettings').DatabaseSettings} db
 * @param {{ timeoutMs?: number }} options
 */
async function assertPostgresReachable(db, { timeoutMs = 5000 } = {}) {
  const client = new Client({
    ...db,
    database: 'postgres',
    connectionTimeoutMillis: timeoutMs,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    const reason =
      /** @type {Error} */ (error).message ||
      String(/** @type {any} */ (error).code ?? error);
    throw new LaunchError(
      `Cannot reach the PostgreSQL server at ${db.host}:${db.port} as user '${db.user}' ` +
        `(configured by POSTGRES_HOST/POSTGRES_PORT/POSTGRES_USER): ${reason}. ` +
        'Start that server or correct the POSTGRES_* variables; unset POSTGRES_HOST to use the embedded Postgres instead.',
    );
  } finally {
    await client.end().catch(() => {});
  }
}

module.exports = { assertPortFree, assertPostgresReachable };
