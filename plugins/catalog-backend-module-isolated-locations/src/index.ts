/**
 * Reads each target of a multi-target catalog Location on its own.
 *
 * @packageDocumentation
 */
export { catalogModuleIsolatedLocations as default } from './module';
export { IsolatedLocationTargetsProcessor } from './processor/IsolatedLocationTargetsProcessor';
