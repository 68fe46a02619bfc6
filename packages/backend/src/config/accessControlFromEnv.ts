import { readVar } from './vars';
import { EnvConfigPart } from './types';

const roleVars = {
  admin: 'GREENROOM_ADMINS',
  'platform-engineer': 'GREENROOM_PLATFORM_ENGINEERS',
} as const;

/**
 * Who holds the admin and platform-engineer roles of the policy file, from
 * GREENROOM_ADMINS and GREENROOM_PLATFORM_ENGINEERS (comma-separated user
 * and group refs). An unset variable leaves the role with the members the
 * policy file lists; refs are checked by the access control module at
 * start-up.
 */
export function accessControlConfigFromEnv(
  env: NodeJS.ProcessEnv,
): EnvConfigPart {
  const members: Record<string, string[]> = {};
  for (const [role, name] of Object.entries(roleVars)) {
    members[role] = (readVar(env, name) ?? '')
      .split(',')
      .map(ref => ref.trim())
      .filter(Boolean);
  }
  return {
    config: {
      greenroom: {
        accessControl: {
          policyFile: './access-control/policy.yaml',
          members,
        },
      },
    },
    errors: [],
  };
}
