import { PermissionCriteria } from '@backstage/plugin-permission-common';

/**
 * A rule of the plugin that owns the permission's resource type, as the
 * policy file names it. Params may hold the placeholders `$user` (the user's
 * entity ref) and `$ownership` (the user, and the groups they belong to
 * directly or through child groups).
 */
export type RuleCondition = {
  rule: string;
  params?: Record<string, unknown>;
};

/** One line of a role's `allow`: a permission, or every one, when the condition holds. */
export type Grant = {
  /** A permission name, or `*` for every permission. */
  permission: string;
  /** Absent: always. */
  if?: PermissionCriteria<RuleCondition>;
  /** Where the grant is written, for messages. */
  source: string;
};

/** A role as the policy file defines it. */
export type Role = {
  name: string;
  description?: string;
  /** Roles whose grants this role has too. */
  includes: string[];
  /** Users and groups (entity refs) that hold the role, besides config and the admin page. */
  members: string[];
  allow: Grant[];
  source: string;
};

/** A policy file, checked: every role, permission and rule it names exists. */
export type PolicyDocument = {
  file: string;
  /** The role of a signed-in user who holds no other. */
  defaultRole: string;
  roles: Map<string, Role>;
};
