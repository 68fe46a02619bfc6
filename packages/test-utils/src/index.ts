/**
 * Test helpers shared by Greenroom's packages.
 *
 * @packageDocumentation
 */
export { createTestDatabases } from './createTestDatabases';
export { waitUntil } from './waitUntil';
