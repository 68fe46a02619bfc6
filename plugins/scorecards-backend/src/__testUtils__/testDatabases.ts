import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Backstage's TestDatabases on the Postgres that scripts/with-test-postgres.js
 * provides (whatever its major version). A test file calling this fails
 * rather than skips when there is none.
 */
export function createTestDatabases(): TestDatabases {
  const databases = TestDatabases.create({
    ids: [
      'POSTGRES_18',
      'POSTGRES_17',
      'POSTGRES_16',
      'POSTGRES_15',
      'POSTGRES_14',
    ],
    disableDocker: true,
  });
  if (databases.eachSupportedId().length === 0) {
    throw new Error(
      'No test Postgres: run the tests through ./greenroom test (scripts/with-test-postgres.js provides one)',
    );
  }
  return databases;
}
