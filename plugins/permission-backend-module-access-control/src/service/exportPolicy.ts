import { stringify } from 'yaml';
import { RoleMember } from '../policy/RoleMembers';
import { PolicyDocument } from '../policy/types';

/**
 * The policy in its file's format, every role with the members of the file
 * and those granted on the access control page, ready to check in. Members
 * named in config are left out: config names them already, and they differ
 * between environments (GREENROOM_ADMINS in production).
 */
export function exportPolicy(
  policy: PolicyDocument,
  membersOf: (role: string) => RoleMember[],
): string {
  const roles = Object.fromEntries(
    [...policy.roles.values()].map(role => {
      const members = [
        ...new Set(
          membersOf(role.name)
            .filter(m => m.source !== 'config')
            .map(m => m.member),
        ),
      ];
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
  }\n# with the members granted on the page (those named in config are not here).\n${stringify(
    { defaultRole: policy.defaultRole, roles },
    { lineWidth: 100 },
  )}`;
}
