export { RoleCard } from './RoleCard';
