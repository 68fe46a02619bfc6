/**
 * Permissions and types shared by Greenroom's access control.
 *
 * @packageDocumentation
 */
export * from './permissions';
export * from './schema/openapi';
