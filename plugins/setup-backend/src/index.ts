/**
 * Setup backend: what the portal is set up with, for Greenroom admins.
 *
 * @packageDocumentation
 */
export { setupPlugin as default } from './plugin';
export { catalogProviderLogsServiceFactory } from './providerLogs/catalogProviderLogsServiceFactory';
export {
  providerLogsServiceRef,
  ProviderLogs,
} from './providerLogs/ProviderLogs';
export type { TaskRunLines } from './providerLogs/ProviderLogs';
