import { stringify } from 'yaml';
import { RoleMember } from '../policy/RoleMembers';
import { PolicyDocument } from '../policy/types';

/**
 * The policy in its file's format, every role with all its members (the
 * file's, config's and the access control page's), ready to check in.
 */
export function exportPolicy(
  policy: PolicyDocument,
  membersOf: (role: string) => RoleMember[],
): string {
  const roles = Object.fromEntries(
    [...policy.roles.values()].map(role => {
      const members = [...new Set(membersOf(role.name).map(m => m.member))];
      return [
        role.name,
        {
          ...(role.description ? { description: role.description } : {}),
          ...(role.includes.length ? { includes: role.includes } : {}),
          ...(members.length ? { members } : {}),
          allow: role.allow.map(g =>
            g.if ? { permission: g.permission, if: g.if } : g.permission,
          ),
        },
      ];
    }),
  );
  return `# Exported from Greenroom's access control page: the roles of\n# ${
    policy.file
  }\n# with every member, also those named in config and granted on the page.\n${stringify(
    { defaultRole: policy.defaultRole, roles },
    { lineWidth: 100 },
  )}`;
}
