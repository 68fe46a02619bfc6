/**
 * The setup status API's types and generated client, shared by Greenroom's
 * setup plugins.
 *
 * @packageDocumentation
 */
export * from './schema/openapi';
