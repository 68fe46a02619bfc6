import { PermissionCriteria } from '@backstage/plugin-permission-common';
import { Denial } from '@internal/plugin-access-control-node';
import { effectiveRoles, grantsFor } from './decide';
import { RuleCondition, PolicyDocument } from './types';

/** A rule in words, for people: "owned by you or one of your groups". */
function describeRule(condition: RuleCondition): string {
  const params = condition.params ?? {};
  switch (condition.rule) {
    case 'IS_ENTITY_OWNER':
      return params.claims === '$ownership'
        ? 'owned by you or one of your groups'
        : `owned by ${JSON.stringify(params.claims)}`;
    case 'IS_TASK_OWNER':
      return 'started by you';
    case 'HAS_TAG':
      return `tagged ${params.tag}`;
    case 'IS_ENTITY_KIND':
      return `of kind ${JSON.stringify(params.kinds)}`;
    default:
      return `${condition.rule}(${JSON.stringify(params)})`;
  }
}

/** Criteria in words. */
export function describeCriteria(
  criteria: PermissionCriteria<RuleCondition>,
): string {
  if ('allOf' in criteria)
    return criteria.allOf.map(describeCriteria).join(' and ');
  if ('anyOf' in criteria) {
    return `either ${criteria.anyOf.map(describeCriteria).join(' or ')}`;
  }
  if ('not' in criteria) return `not ${describeCriteria(criteria.not)}`;
  return describeRule(criteria);
}

/**
 * Why a user's roles do not simply allow a permission, and what would: the
 * conditions their roles put on it, and the other roles that grant it.
 */
export function explainDenial(
  policy: PolicyDocument,
  roles: string[],
  permission: string,
  result: Denial['result'],
): Denial {
  const mine = grantsFor(policy, roles, permission);
  const held = new Set(mine.map(g => g.grant));
  const others = [...policy.roles.keys()]
    .filter(role => !roles.includes(role))
    .flatMap(role => {
      // what the role adds: a role including one of the user's repeats its grants
      const grants = grantsFor(
        policy,
        effectiveRoles(policy, [role]),
        permission,
      ).filter(g => !held.has(g.grant));
      if (!grants.length) return [];
      const unconditional = grants.some(g => !g.grant.if);
      return [
        unconditional
          ? `the ${role} role`
          : `the ${role} role where ${grants
              .map(g => describeCriteria(g.grant.if!))
              .join(' or ')}`,
      ];
    });
  const grantedBy = [
    ...mine.map(
      g => `your ${g.role} role where ${describeCriteria(g.grant.if!)}`,
    ),
    ...others,
  ];
  const yourRoles = `your roles: ${roles.join(', ')}`;
  const would = others.length
    ? ` Granted by ${others.join(', ')}.`
    : ' No role grants it.';
  const message =
    result === 'CONDITIONAL'
      ? `${permission} is allowed to you only where ${mine
          .map(g => describeCriteria(g.grant.if!))
          .join(' or ')} (${yourRoles}).${would}`
      : `${permission} is denied: none of your roles grants it (${yourRoles}).${would}`;
  return { permission, result, message, grantedBy };
}
