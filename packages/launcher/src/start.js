// @ts-check
/* eslint-disable no-console */
const { spawn } = require('node:child_process');
const { LaunchError } = require('./LaunchError');
const { assertPortFree } = require('./preflight');
const { providePostgres } = require('./database');
const { databaseEnv } = require('./databaseSettings');

// ./greenroom runs this from the repository root.
const root = process.cwd();
const log = (/** @type {string} */ line) => console.log(`[greenroom] ${line}`);

/**
 * `./greenroom start`: checks the ports, provides Postgres and runs the app and
 * backend in development mode until Ctrl-C, then stops Postgres cleanly.
 */
async function main() {
  const db = await providePostgres({ root, log });
  try {
    await assertPortFree(
      7007,
      'the backend',
      'change backend.listen.port in app-config.local.yaml',
    );
    await assertPortFree(
      3000,
      'the app (frontend dev server)',
      'change app.baseUrl in app-config.local.yaml',
    );
  } catch (error) {
    await db.stop();
    throw error;
  }

  const portal = spawn(
    'yarn',
    ['backstage-cli', 'repo', 'start', ...process.argv.slice(2)],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...databaseEnv(db.connection) },
      // Its own process group, so that stopping reaches the app and backend
      // processes under yarn too.
      detached: true,
    },
  );
  let stopping = false;
  const stop = (/** @type {NodeJS.Signals} */ signal) => {
    if (stopping) return;
    stopping = true;
    log('stopping…');
    if (portal.exitCode === null && portal.pid) {
      try {
        process.kill(-portal.pid, signal);
      } catch {
        // already gone
      }
    }
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);

  const code = await new Promise(resolve =>
    portal.once('exit', (exitCode, signal) =>
      resolve(exitCode ?? (signal ? 0 : 1)),
    ),
  );
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
