// @ts-check
const { LaunchError } = require('./LaunchError');

/**
 * @typedef {{ host: string, port: number, user: string, password: string }} DatabaseSettings
 */

/**
 * The external Postgres named by POSTGRES_HOST and friends, or undefined when
 * none is configured and the embedded one should be used.
 *
 * @param {NodeJS.ProcessEnv} env
 * @returns {DatabaseSettings | undefined}
 */
function externalDatabaseFromEnv(env = process.env) {
  if (!env.POSTGRES_HOST) {
    return undefined;
  }
  const port = Number(env.POSTGRES_PORT ?? 5432);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new LaunchError(
      `POSTGRES_PORT must be a port number between 1 and 65535, got '${env.POSTGRES_PORT}'.`,
    );
  }
  return {
    host: env.POSTGRES_HOST,
    port,
    user: env.POSTGRES_USER ?? 'postgres',
    password: env.POSTGRES_PASSWORD ?? '',
  };
}

/**
 * The environment that app-config.yaml reads its database connection from.
 *
 * @param {DatabaseSettings} db
 */
function databaseEnv(db) {
  return {
    POSTGRES_HOST: db.host,
    POSTGRES_PORT: String(db.port),
    POSTGRES_USER: db.user,
    POSTGRES_PASSWORD: db.password,
  };
}

module.exports = { externalDatabaseFromEnv, databaseEnv };
