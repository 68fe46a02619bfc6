export { GrantRoleForm } from './GrantRoleForm';
