import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * Backstage's TestDatabases on the Postgres that scripts/with-test-postgres.js
 * provides (whatever its major version), without Docker. Call it at the top
 * of a test file, as `TestDatabases.create`: a test file calling this fails
 * rather than skips when there is no test Postgres, so
 * `databases.eachSupportedId()` has at least one id.
 *
 * @public
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
