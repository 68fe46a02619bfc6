import { createApiRef } from '@backstage/frontend-plugin-api';
import {
  PolicyExport,
  RoleList,
  RoleMember,
  Simulation,
  SimulationRequest,
} from '@internal/plugin-access-control-common';

/**
 * Greenroom's access control, as the permission backend serves it under
 * `/api/permission/access-control`. Every method throws a ResponseError when
 * the backend refuses, whose cause carries the server's message (a 403 names
 * the permission that was denied).
 */
export interface AccessControlApi {
  /** Every role of the policy file, what it allows and who holds it. Needs access-control.read. */
  listRoles(): Promise<RoleList>;
  /** Grants a role to a user or group entity ref. Needs access-control.manage. */
  grantRole(role: string, member: string): Promise<RoleMember>;
  /** Revokes a role granted on the access control page. Needs access-control.manage. */
  revokeRole(role: string, member: string): Promise<void>;
  /** The policy in the policy file's format, every member included. */
  exportPolicy(): Promise<PolicyExport>;
  /** What a user may do: the decision of one permission, on one entity if given. */
  simulate(request: SimulationRequest): Promise<Simulation>;
}

/** The API ref of {@link AccessControlApi}. */
export const accessControlApiRef = createApiRef<AccessControlApi>().with({
  id: 'plugin.access-control.api',
  pluginId: 'access-control',
});
