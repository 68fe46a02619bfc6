/**
 * The setup status API's types, generated client and permission, shared by
 * Greenroom's setup plugins.
 *
 * @packageDocumentation
 */
export * from './schema/openapi';
export * from './permissions';
