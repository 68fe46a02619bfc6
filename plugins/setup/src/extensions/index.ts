export { setupApi } from './api';
export { setupPage } from './page';
