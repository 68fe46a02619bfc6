export { catalogModuleLdapEntityNames, toEntityName } from './ldapEntityNames';
