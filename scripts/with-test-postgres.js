// @ts-check
// Runs a command with a Postgres for database tests: the machine's at
// 127.0.0.1:5432 (or the one POSTGRES_HOST names) when it answers, else an
// embedded one. Backstage's TestDatabases finds it through
// BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING.
//   node scripts/with-test-postgres.js <command> [args...]
const path = require('node:path');
const { spawn } = require('node:child_process');
const { Client } = require('pg');
const { provideTestPostgres } = require('@internal/launcher');

async function main() {
  const [command, ...args] = process.argv.slice(2);
  const db = await provideTestPostgres({
    root: path.resolve(__dirname, '..'),
    log: line => console.log(`test database: ${line}`),
  });
  const { host, port, user, password } = db.connection;
  const client = new Client({ ...db.connection, database: 'postgres' });
  await client.connect();
  const { rows } = await client.query('SHOW server_version_num');
  await client.end();
  const major = Math.floor(Number(rows[0].server_version_num) / 10000);
  const url = `postgresql://${encodeURIComponent(user)}:${encodeURIComponent(
    password ?? '',
  )}@${host}:${port}`;

  const child = spawn(command, args, {
    stdio: 'inherit',
    env: {
      ...process.env,
      [`BACKSTAGE_TEST_DATABASE_POSTGRES${major}_CONNECTION_STRING`]: url,
    },
  });
  const code = await new Promise(resolve =>
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))),
  );
  await db.stop();
  process.exit(Number(code));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
