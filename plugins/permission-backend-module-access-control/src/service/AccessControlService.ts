import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ResponseError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  accessControlManagePermission,
  accessControlReadPermission,
  PolicyExport,
  RoleList,
  RoleMember as ApiRoleMember,
  Simulation,
  SimulationRequest,
} from '@internal/plugin-access-control-common';
import { ParentGroupsOwnershipResolver } from '@internal/plugin-access-control-node';
import type { Request } from 'express';
import { GrantStore } from '../grants/GrantStore';
import { Grants } from '../grants/Grants';
import { AccessControlPolicy } from '../policy/AccessControlPolicy';
import { decide, effectiveRoles, grantsFor } from '../policy/decide';
import { describeCriteria, explainDenial } from '../policy/explain';
import { KnownPermissions } from '../policy/knownPermissions';
import { normalizeMember } from '../policy/parsePolicyFile';
import { PolicyFile } from '../policy/PolicyFile';
import { GrantedRole, RoleMembers } from '../policy/RoleMembers';
import { PolicyDocument } from '../policy/types';
import { exportPolicy } from './exportPolicy';

/** What {@link AccessControlService.create} needs. */
export type AccessControlServiceOptions = {
  file: PolicyFile;
  members: RoleMembers;
  store: GrantStore;
  grants: Grants;
  policy: AccessControlPolicy;
  known: KnownPermissions;
  permissions: PermissionsService;
  auditor: AuditorService;
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
};

type Credentials = BackstageCredentials<BackstageUserPrincipal>;

/**
 * The access control page's API: the roles and their members, granting and
 * revoking (audited), the policy in its file's format, and the simulator.
 */
export class AccessControlService {
  private readonly ownership: ParentGroupsOwnershipResolver;

  private constructor(private readonly options: AccessControlServiceOptions) {
    this.ownership = ParentGroupsOwnershipResolver.create(options);
  }

  static create(options: AccessControlServiceOptions): AccessControlService {
    return new AccessControlService(options);
  }

  async listRoles(credentials: Credentials): Promise<RoleList> {
    await this.authorize(accessControlReadPermission, credentials);
    const state = this.options.file.current();
    const policyFile = state.ok
      ? { file: state.policy.file, ok: true, problems: [] }
      : { file: state.file, ok: false, problems: state.problems };
    const permissions = [...this.options.known.permissions.values()].map(p =>
      isResourcePermission(p)
        ? { name: p.name, resourceType: p.resourceType }
        : { name: p.name },
    );
    if (!state.ok) {
      return { policyFile, defaultRole: '', roles: [], permissions };
    }
    const policy = state.policy;
    const granted = await this.options.grants.current();
    return {
      policyFile,
      defaultRole: policy.defaultRole,
      permissions,
      roles: [...policy.roles.values()].map(role => ({
        name: role.name,
        description: role.description,
        includes: role.includes,
        allow: role.allow.map(g => ({
          permission: g.permission,
          ...(g.if ? { condition: describeCriteria(g.if) } : {}),
          source: g.source,
        })),
        members: this.options.members.membersOf(policy, role.name, granted),
      })),
    };
  }

  async grant(
    role: string,
    member: string,
    credentials: Credentials,
    request: Request,
  ): Promise<ApiRoleMember> {
    return this.audited('role-grant', { role, member }, request, async () => {
      await this.authorize(accessControlManagePermission, credentials);
      const policy = this.usablePolicy();
      this.existingRole(policy, role);
      const ref = await this.existingMember(member);
      const added = await this.options.store.add({
        role,
        member: ref,
        grantedBy: credentials.principal.userEntityRef,
      });
      this.options.grants.invalidate();
      if (!added) {
        throw new ConflictError(`${ref} already holds ${role} on this page`);
      }
      return { member: ref, source: 'access control page' as const };
    });
  }

  async revoke(
    role: string,
    member: string,
    credentials: Credentials,
    request: Request,
  ): Promise<void> {
    await this.audited('role-revoke', { role, member }, request, async () => {
      await this.authorize(accessControlManagePermission, credentials);
      const policy = this.usablePolicy();
      this.existingRole(policy, role);
      const ref = asMemberRef(member);
      const others = this.options.members
        .membersOf(policy, role, [])
        .filter(m => m.member === ref);
      const managing = rolesManagingAccessControl(policy);
      const removed = await this.options.store.remove(
        { role, member: ref },
        managing.includes(role)
          ? async remaining => {
              if (!(await this.anyoneLeft(policy, managing, remaining))) {
                throw new ConflictError(
                  `${ref} is the last ${role}: grant ${role} to someone else first`,
                );
              }
            }
          : undefined,
      );
      this.options.grants.invalidate();
      if (!removed) {
        throw others.length
          ? new InputError(
              `${ref} holds ${role} through the ${others[0].source}; change it there`,
            )
          : new NotFoundError(`${ref} was not granted ${role} on this page`);
      }
      return { member: ref };
    });
  }

  /**
   * Whether a user or group the catalog has is still a member of a role that
   * manages access control (a config or file entry naming someone who left
   * does not count).
   */
  private async anyoneLeft(
    policy: PolicyDocument,
    managing: string[],
    granted: GrantedRole[],
  ): Promise<boolean> {
    const refs = [
      ...new Set(
        managing.flatMap(r =>
          this.options.members.membersOf(policy, r, granted).map(m => m.member),
        ),
      ),
    ];
    if (refs.length === 0) return false;
    const { items } = await this.options.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind'] },
      { credentials: await this.options.auth.getOwnServiceCredentials() },
    );
    return items.some(Boolean);
  }

  /** Runs a change as an auditor event: succeeded with the member it changed, or failed with why. */
  private async audited<T extends { member: string }>(
    eventId: string,
    meta: { role: string; member: string },
    request: Request,
    change: () => Promise<T>,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId,
      severityLevel: 'high',
      request,
      meta,
    });
    try {
      const result = await change();
      await event.success({ meta: { member: result.member } });
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  async exportPolicy(credentials: Credentials): Promise<PolicyExport> {
    await this.authorize(accessControlReadPermission, credentials);
    const policy = this.usablePolicy();
    const granted = await this.options.grants.current();
    return {
      fileName: 'policy.yaml',
      content: exportPolicy(policy, role =>
        this.options.members.membersOf(policy, role, granted),
      ),
    };
  }

  async simulate(
    request: SimulationRequest,
    credentials: Credentials,
  ): Promise<Simulation> {
    await this.authorize(accessControlReadPermission, credentials);
    const policy = this.usablePolicy();
    const permission = this.options.known.permissions.get(request.permission);
    if (!permission) {
      throw new InputError(`Unknown permission '${request.permission}'`);
    }
    const userRef = asMemberRef(request.user, 'user');
    const service = await this.options.auth.getOwnServiceCredentials();
    const user = await this.options.catalog.getEntityByRef(userRef, {
      credentials: service,
    });
    if (!user) throw new NotFoundError(`No user ${userRef} in the catalog`);
    const who = {
      userEntityRef: userRef,
      ...(await this.ownership.resolveOwnershipEntityRefs(user)),
    };
    const roles = this.options.policy.rolesOf(
      policy,
      who,
      await this.options.grants.current(),
    );
    const decision = decide(policy, roles, permission, who, this.options.known);
    let result = decision.result;
    if (decision.result === AuthorizeResult.CONDITIONAL && request.entityRef) {
      result = await this.applyConditions(
        decision.pluginId,
        request.entityRef,
        decision.resourceType,
        decision.conditions,
      );
    }
    const base = { user: userRef, roles, permission: permission.name };
    if (result === AuthorizeResult.ALLOW) {
      const by = grantsFor(policy, roles, permission.name);
      const unconditional = by.find(g => !g.grant.if);
      return {
        ...base,
        result: 'ALLOW',
        message: unconditional
          ? `${permission.name} is allowed by the ${unconditional.role} role (${unconditional.grant.source})`
          : `${permission.name} is allowed on ${request.entityRef}: ${by
              .map(
                g =>
                  `the ${g.role} role where ${describeCriteria(g.grant.if!)}`,
              )
              .join(' or ')}`,
        grantedBy: by.map(g => g.role),
      };
    }
    const denial = explainDenial(
      policy,
      roles,
      permission.name,
      decision.result === AuthorizeResult.CONDITIONAL ? 'CONDITIONAL' : 'DENY',
    );
    return {
      ...base,
      result: result === AuthorizeResult.DENY ? 'DENY' : 'CONDITIONAL',
      message:
        result === AuthorizeResult.DENY && request.entityRef
          ? `${denial.message} On ${request.entityRef}, that is a no.`
          : denial.message,
      grantedBy: denial.grantedBy,
    };
  }

  /** Applies a conditional decision to one entity, as the permission backend does. */
  private async applyConditions(
    pluginId: string,
    resourceRef: string,
    resourceType: string,
    conditions: unknown,
  ): Promise<AuthorizeResult.ALLOW | AuthorizeResult.DENY> {
    const { token } = await this.options.auth.getPluginRequestToken({
      onBehalfOf: await this.options.auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const url = `${await this.options.discovery.getBaseUrl(
      pluginId,
    )}/.well-known/backstage/permissions/apply-conditions`;
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        items: [{ id: 'simulation', resourceRef, resourceType, conditions }],
      }),
    });
    if (!res.ok) {
      throw new ServiceUnavailableError(
        `The ${pluginId} plugin could not apply the conditions to ${resourceRef}: ${
          (await ResponseError.fromResponse(res)).message
        }`,
      );
    }
    const { items } = await res.json();
    return items?.[0]?.result === AuthorizeResult.ALLOW
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  }

  private async authorize(
    permission: BasicPermission,
    credentials: Credentials,
  ) {
    const [decision] = await this.options.permissions.authorize(
      [{ permission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed: ${permission.name}`);
    }
  }

  private usablePolicy(): PolicyDocument {
    const state = this.options.file.current();
    if (!state.ok) {
      throw new ServiceUnavailableError(
        `The policy file cannot be used: ${state.problems.join('; ')}`,
      );
    }
    return state.policy;
  }

  private existingRole(policy: PolicyDocument, role: string) {
    if (!policy.roles.has(role)) {
      throw new NotFoundError(
        `No role '${role}'; the roles are ${[...policy.roles.keys()].join(
          ', ',
        )}`,
      );
    }
  }

  /** A user or group that the catalog has, as a lower-case ref. */
  private async existingMember(member: string): Promise<string> {
    const ref = asMemberRef(member);
    const found = await this.options.catalog.getEntityByRef(ref, {
      credentials: await this.options.auth.getOwnServiceCredentials(),
    });
    if (!found) {
      throw new InputError(
        `No ${ref} in the catalog: grant roles to users and groups it has`,
      );
    }
    return ref;
  }
}

/** The roles that may change access control, through the roles they include too. */
function rolesManagingAccessControl(policy: PolicyDocument): string[] {
  return [...policy.roles.keys()].filter(role =>
    grantsFor(
      policy,
      effectiveRoles(policy, [role]),
      accessControlManagePermission.name,
    ).some(g => !g.grant.if),
  );
}

/** A member ref, checked: a user or group (or only `kind`), lower case. */
function asMemberRef(member: string, kind?: 'user'): string {
  let ref;
  try {
    ref = parseEntityRef(member, { defaultNamespace: 'default' });
  } catch {
    throw new InputError(
      `'${member}' is not an entity ref; name users and groups as user:default/alice or group:default/platform`,
    );
  }
  const allowed = kind ? [kind] : ['user', 'group'];
  if (!allowed.includes(ref.kind.toLocaleLowerCase('en-US'))) {
    throw new InputError(
      `'${member}' is a ${ref.kind}, not a ${allowed.join(' or ')}`,
    );
  }
  return normalizeMember(stringifyEntityRef(ref));
}
