/**
 * Greenroom's access control: roles as code, in place of allow-all.
 *
 * @packageDocumentation
 */
export { permissionModuleAccessControl as default } from './module';
