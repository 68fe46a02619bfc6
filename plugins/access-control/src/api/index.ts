export { accessControlApiRef } from './AccessControlApi';
export type { AccessControlApi } from './AccessControlApi';
export { AccessControlClient } from './AccessControlClient';
