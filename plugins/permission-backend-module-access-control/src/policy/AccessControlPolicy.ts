import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { accessControlReadPermission } from '@internal/plugin-access-control-common';
import { Denial, RecentDenials } from '@internal/plugin-access-control-node';
import { decide, effectiveRoles, PolicyUser } from './decide';
import { explainDenial } from './explain';
import { KnownPermissions } from './knownPermissions';
import { PolicyFile } from './PolicyFile';
import { GrantedRole, RoleMembers } from './RoleMembers';
import { PolicyDocument } from './types';
import { Grants } from '../grants/Grants';

/**
 * Greenroom's permission policy: the roles of the policy file, held by the
 * members the file, config and the admin page name. Nobody signed in (and a
 * policy file that cannot be used) gets no permission at all.
 */
export class AccessControlPolicy implements PermissionPolicy {
  private constructor(
    private readonly file: PolicyFile,
    private readonly members: RoleMembers,
    private readonly grants: Pick<Grants, 'current'>,
    private readonly known: KnownPermissions,
    private readonly denials?: RecentDenials,
    private readonly auditor?: AuditorService,
    private readonly logger?: LoggerService,
  ) {}

  static create(options: {
    file: PolicyFile;
    members: RoleMembers;
    /** The roles granted on the access control page. */
    grants: Pick<Grants, 'current'>;
    known: KnownPermissions;
    /** Where denials of what plugins do on a user's behalf are recorded, for their 403 answers. */
    denials?: RecentDenials;
    /** Records each outright denial of what a plugin does on a user's behalf. */
    auditor?: AuditorService;
    /** Where an audit that fails is reported. */
    logger?: LoggerService;
  }): AccessControlPolicy {
    return new AccessControlPolicy(
      options.file,
      options.members,
      options.grants,
      options.known,
      options.denials,
      options.auditor,
      options.logger,
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const state = this.file.current();
    if (!user) return { result: AuthorizeResult.DENY };
    if (!state.ok) {
      // Everything is denied, except that the admins config names may still
      // read access control, whose page shows the file's problems.
      const admin = this.members.namedInConfig('admin', [
        user.info.userEntityRef,
        ...user.info.ownershipEntityRefs,
      ]);
      return {
        result:
          admin && request.permission.name === accessControlReadPermission.name
            ? AuthorizeResult.ALLOW
            : AuthorizeResult.DENY,
      };
    }
    const who: PolicyUser = {
      userEntityRef: user.info.userEntityRef,
      ownershipEntityRefs: user.info.ownershipEntityRefs,
    };
    const roles = this.rolesOf(state.policy, who, await this.grants.current());
    const decision = decide(
      state.policy,
      roles,
      request.permission,
      who,
      this.known,
    );
    // A plugin acting for the user asks with a token that names it as the
    // actor; the frontend's own checks (which buttons to show) do not, and
    // are not what a 403 answers. Nor are the catalog's conditional reads,
    // which filter what it lists (on every page a member opens).
    const actor = (user.credentials.principal as { actor?: unknown }).actor;
    const filter =
      decision.result === AuthorizeResult.CONDITIONAL &&
      request.permission.attributes.action === 'read' &&
      decision.resourceType === 'catalog-entity';
    if (actor && !filter && decision.result !== AuthorizeResult.ALLOW) {
      const denial = explainDenial(
        state.policy,
        roles,
        request.permission.name,
        decision.result,
      );
      this.denials?.record(who.userEntityRef, denial);
      // A conditional decision is applied by the plugin, which audits its
      // own outcome (the catalog's entity-mutate, the scaffolder's task).
      if (decision.result === AuthorizeResult.DENY) {
        this.auditDenial(who, request.permission.name, roles, denial);
      }
    }
    return decision;
  }

  /** Audits a denial without holding up (or failing) the decision. */
  private auditDenial(
    who: PolicyUser,
    permission: string,
    roles: string[],
    denial: Denial,
  ) {
    this.auditor
      ?.createEvent({
        eventId: 'permission-denied',
        severityLevel: 'medium',
        meta: {
          user: who.userEntityRef,
          permission,
          roles,
          grantedBy: denial.grantedBy,
        },
      })
      .then(event => event.fail({ error: new NotAllowedError(denial.message) }))
      .catch(error => this.logger?.warn(`Could not audit a denial: ${error}`));
  }

  /** The roles a user has, included roles too. */
  rolesOf(
    policy: PolicyDocument,
    who: PolicyUser,
    granted: GrantedRole[],
  ): string[] {
    return effectiveRoles(
      policy,
      this.members.rolesOf(
        policy,
        [who.userEntityRef, ...who.ownershipEntityRefs],
        granted,
      ),
    );
  }
}
