export { SetupAdminOnly } from './SetupAdminOnly';
