import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { decide, effectiveRoles, PolicyUser } from './decide';
import { KnownPermissions } from './knownPermissions';
import { PolicyFile } from './PolicyFile';
import { RoleMembers } from './RoleMembers';

/**
 * Greenroom's permission policy: the roles of the policy file, held by the
 * members the file, config and the admin page name. Nobody signed in (and a
 * policy file that cannot be used) gets no permission at all.
 */
export class AccessControlPolicy implements PermissionPolicy {
  private constructor(
    private readonly file: PolicyFile,
    private readonly members: RoleMembers,
    private readonly known: KnownPermissions,
  ) {}

  static create(options: {
    file: PolicyFile;
    members: RoleMembers;
    known: KnownPermissions;
  }): AccessControlPolicy {
    return new AccessControlPolicy(
      options.file,
      options.members,
      options.known,
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const state = this.file.current();
    if (!state.ok || !user) return { result: AuthorizeResult.DENY };
    const who: PolicyUser = {
      userEntityRef: user.info.userEntityRef,
      ownershipEntityRefs: user.info.ownershipEntityRefs,
    };
    const roles = effectiveRoles(
      state.policy,
      this.members.rolesOf(state.policy, [
        who.userEntityRef,
        ...who.ownershipEntityRefs,
      ]),
    );
    return decide(state.policy, roles, request.permission, who, this.known);
  }
}
