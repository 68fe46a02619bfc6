const net = require('node:net');
const { assertPortFree, assertPostgresReachable } = require('./preflight');
const { externalDatabaseFromEnv } = require('./databaseSettings');

async function listenOnFreePort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen({ port: 0 }, resolve));
  return server;
}

describe('assertPortFree', () => {
  it('names the port, what needs it and what to do when it is taken', async () => {
    const server = await listenOnFreePort();
    const { port } = server.address();
    try {
      await expect(
        assertPortFree(port, 'the backend', 'change backend.listen.port'),
      ).rejects.toThrow(
        new RegExp(
          `^Port ${port} is already in use, so the backend cannot start\\. Stop the program listening there .* or change backend\\.listen\\.port\\.$`,
        ),
      );
    } finally {
      server.close();
    }
  });

  it('passes for a free port', async () => {
    const server = await listenOnFreePort();
    const { port } = server.address();
    await new Promise(resolve => server.close(resolve));
    await expect(assertPortFree(port, 'the backend')).resolves.toBeUndefined();
  });
});

describe('assertPostgresReachable', () => {
  it('names the server and what to do when nothing listens there', async () => {
    const server = await listenOnFreePort();
    const { port } = server.address();
    await new Promise(resolve => server.close(resolve));

    await expect(
      assertPostgresReachable(
        { host: '127.0.0.1', port, user: 'postgres', password: '' },
        { timeoutMs: 2000 },
      ),
    ).rejects.toThrow(
      new RegExp(
        `Cannot reach the PostgreSQL server at 127\\.0\\.0\\.1:${port} as user 'postgres' .*ECONNREFUSED.*unset POSTGRES_HOST to use the embedded Postgres`,
      ),
    );
  });

  it('gives up on a server that never answers within the timeout', async () => {
    // accepts connections but never speaks the Postgres protocol
    const server = await listenOnFreePort();
    const { port } = server.address();
    try {
      await expect(
        assertPostgresReachable(
          { host: '127.0.0.1', port, user: 'postgres', password: '' },
          { timeoutMs: 500 },
        ),
      ).rejects.toThrow(
        /Cannot reach the PostgreSQL server at 127\.0\.0\.1:\d+.*timeout/i,
      );
    } finally {
      server.close();
    }
  });
});

describe('externalDatabaseFromEnv', () => {
  it('is undefined without POSTGRES_HOST, so the embedded Postgres is used', () => {
    expect(externalDatabaseFromEnv({})).toBeUndefined();
  });

  it('reads the POSTGRES_* variables with defaults', () => {
    expect(externalDatabaseFromEnv({ POSTGRES_HOST: 'db' })).toEqual({
      host: 'db',
      port: 5432,
      user: 'postgres',
      password: '',
    });
  });

  it('rejects a port that is not a number, naming the variable', () => {
    expect(() =>
      externalDatabaseFromEnv({ POSTGRES_HOST: 'db', POSTGRES_PORT: 'five' }),
    ).toThrow(
      "POSTGRES_PORT must be a port number between 1 and 65535, got 'five'.",
    );
  });
});
