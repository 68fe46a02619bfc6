/**
 * What Greenroom's access control shares with the rest of the backend.
 *
 * @packageDocumentation
 */
export { RecentDenials, recentDenials } from './RecentDenials';
export type { Denial } from './RecentDenials';
export { ParentGroupsOwnershipResolver } from './ParentGroupsOwnershipResolver';
export { servicePermissionsServiceFactory } from './servicePermissions/servicePermissionsServiceFactory';
