/**
 * Test helpers shared by Greenroom's packages.
 *
 * @packageDocumentation
 */
export { createTestDatabases } from './createTestDatabases';
export { freePort } from './freePort';
export { waitUntil } from './waitUntil';
export { orgLdif, slapdBaseDn, startSlapd } from './slapd';
export type { LdapGroup, LdapPerson, Slapd } from './slapd';
export { startHaproxy } from './haproxy';
export type { Haproxy, HaproxyServer, HaproxyServerState } from './haproxy';
export { countingScheduler } from './countingScheduler';
export type { SchedulerCounts } from './countingScheduler';
export { sharedPluginDatabases } from './sharedPluginDatabases';
export { connectMcp } from './mcpClient';
export type { McpTestClient, McpToolAnswer } from './mcpClient';
