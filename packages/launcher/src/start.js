// @ts-check
/* eslint-disable no-console */
const path = require('node:path');
const { spawn } = require('node:child_process');
const { LaunchError } = require('./LaunchError');
const { assertPortFree } = require('./preflight');
const { providePostgres } = require('./database');
const { databaseEnv } = require('./databaseSettings');
const { readPortalConfig } = require('./portalConfig');
const { waitForPortal, readyBanner } = require('./portalReady');

// ./greenroom runs this from the repository root.
const root = process.cwd();
const args = process.argv.slice(2);
const log = (/** @type {string} */ line) => console.log(`[greenroom] ${line}`);

/**
 * Fails, before anything is started, when a port the configuration gives
 * the backend or the app is taken.
 *
 * @param {Awaited<ReturnType<typeof readPortalConfig>>} portal
 */
async function assertPortalPortsFree(portal) {
  for (const { port, purpose, key, source } of portal.ports) {
    await assertPortFree(
      port,
      `${purpose} (${key} in ${source})`,
      `change ${key} in ${portal.overrideFile}${
        key === 'app.baseUrl' ? ' (and backend.cors.origin with it)' : ''
      }`,
    );
  }
}

/**
 * `./greenroom start`: checks the configured ports, provides Postgres and runs
 * the app and backend in development mode until Ctrl-C, then stops Postgres
 * cleanly.
 */
async function main() {
  const portal = await readPortalConfig({ root, argv: args });
  await assertPortalPortsFree(portal);

  const db = await providePostgres({ root, log });
  const children = spawn('yarn', ['backstage-cli', 'repo', 'start', ...args], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...databaseEnv(db.connection) },
    // Its own process group, so that stopping reaches the app and backend
    // processes under yarn too.
    detached: true,
  });
  let stopping = false;
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    if (children.exitCode === null && children.pid) {
      try {
        process.kill(-children.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const exited = new Promise(resolve =>
    children.once('exit', (exitCode, signal) =>
      resolve(exitCode ?? (signal ? 0 : 1)),
    ),
  );
  waitForPortal({
    // the app first: see waitForPortal
    urls: [
      portal.appUrl,
      `${portal.backendUrl}/.backstage/health/v1/readiness`,
    ],
    isRunning: () => !stopping && children.exitCode === null,
  }).then(ready => {
    if (!ready) return;
    const database = db.embedded
      ? {
          embedded: /** @type {const} */ (true),
          dataDir: path.relative(root, db.dataDir) || db.dataDir,
          port: db.connection.port,
        }
      : {
          embedded: /** @type {const} */ (false),
          host: db.connection.host,
          port: db.connection.port,
        };
    const lines = readyBanner({ appUrl: portal.appUrl, database });
    console.log(`\n\x1b[1;32m[greenroom]\x1b[0m ${lines.join('\n')}\n`);
  });

  const code = await exited;
  if (db.embedded) log('stopping the embedded PostgreSQL');
  await db.stop();
  process.exitCode = stopping ? 0 : code;
}

main().catch(error => {
  if (error instanceof LaunchError) {
    console.error(`\n[greenroom] cannot start: ${error.message}\n`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
