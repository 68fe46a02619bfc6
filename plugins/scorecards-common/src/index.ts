/**
 * The scorecards REST API's types and generated client, and the permissions,
 * shared by Greenroom's scorecards plugins.
 *
 * @packageDocumentation
 */
export * from './schema/openapi';
export * from './scope';
export * from './permissions';
