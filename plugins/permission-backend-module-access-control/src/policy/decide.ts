import {
  AuthorizeResult,
  isResourcePermission,
  Permission,
  PermissionCondition,
  PermissionCriteria,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { KnownPermissions } from './knownPermissions';
import { withPlaceholders } from './parsePolicyFile';
import { Grant, PolicyDocument, RuleCondition } from './types';

/** Who asks: the user and what they own (the user and their groups, with parent groups). */
export type PolicyUser = {
  userEntityRef: string;
  ownershipEntityRefs: string[];
};

/**
 * The roles a user has: those they are a member of, or the default role when
 * they are a member of none, each with the roles it includes.
 */
export function effectiveRoles(
  policy: PolicyDocument,
  memberOf: Iterable<string>,
): string[] {
  const held = [...memberOf].filter(role => policy.roles.has(role));
  const queue = held.length ? held : [policy.defaultRole];
  const roles: string[] = [];
  while (queue.length) {
    const role = queue.shift()!;
    if (roles.includes(role)) continue;
    roles.push(role);
    queue.push(...(policy.roles.get(role)?.includes ?? []));
  }
  return roles;
}

/** The grants of the given roles that name the permission, with the role giving each. */
export function grantsFor(
  policy: PolicyDocument,
  roles: string[],
  permissionName: string,
): Array<{ role: string; grant: Grant }> {
  return roles.flatMap(role =>
    (policy.roles.get(role)?.allow ?? [])
      .filter(g => g.permission === '*' || g.permission === permissionName)
      .map(grant => ({ role, grant })),
  );
}

/**
 * The decision for one permission: allowed when a role grants it without a
 * condition, conditional on the rules of the permission's resource type when
 * roles grant it with conditions (any of them), denied otherwise.
 */
export function decide(
  policy: PolicyDocument,
  roles: string[],
  permission: Permission,
  user: PolicyUser,
  known: KnownPermissions,
): PolicyDecision {
  const grants = grantsFor(policy, roles, permission.name);
  if (grants.some(({ grant }) => !grant.if)) {
    return { result: AuthorizeResult.ALLOW };
  }
  if (grants.length === 0 || !isResourcePermission(permission)) {
    return { result: AuthorizeResult.DENY };
  }
  const resourceType = known.resourceTypes.get(permission.resourceType);
  if (!resourceType) return { result: AuthorizeResult.DENY };
  const conditions = grants.map(({ grant }) =>
    toCriteria(grant.if!, permission.resourceType, user),
  );
  return {
    result: AuthorizeResult.CONDITIONAL,
    pluginId: resourceType.pluginId,
    resourceType: permission.resourceType,
    conditions:
      conditions.length === 1
        ? conditions[0]
        : {
            anyOf: conditions as NonEmpty<
              PermissionCriteria<PermissionCondition>
            >,
          },
  };
}

type NonEmpty<T> = [T, ...T[]];

function toCriteria(
  criteria: PermissionCriteria<RuleCondition>,
  resourceType: string,
  user: PolicyUser,
): PermissionCriteria<PermissionCondition> {
  if ('allOf' in criteria) {
    return {
      allOf: criteria.allOf.map(c =>
        toCriteria(c, resourceType, user),
      ) as NonEmpty<PermissionCriteria<PermissionCondition>>,
    };
  }
  if ('anyOf' in criteria) {
    return {
      anyOf: criteria.anyOf.map(c =>
        toCriteria(c, resourceType, user),
      ) as NonEmpty<PermissionCriteria<PermissionCondition>>,
    };
  }
  if ('not' in criteria) {
    return { not: toCriteria(criteria.not, resourceType, user) };
  }
  return {
    rule: criteria.rule,
    resourceType,
    params: withPlaceholders(
      criteria.params ?? {},
      user,
    ) as PermissionCondition['params'],
  };
}
