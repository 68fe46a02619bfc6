export { setupApiRef } from './SetupApi';
export type { SetupApi } from './SetupApi';
export { SetupClient } from './SetupClient';
