export { AccessControlPage } from './AccessControlPage';
