export { accessControlApi } from './api';
export { accessControlPage } from './page';
