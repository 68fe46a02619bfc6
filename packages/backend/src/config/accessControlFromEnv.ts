import { readVar } from './vars';
import { EnvConfigPart } from './types';

const roleVars = {
  admin: 'GREENROOM_ADMINS',
  'platform-engineer': 'GREENROOM_PLATFORM_ENGINEERS',
} as const;

const CI_TOKEN_VAR = 'GREENROOM_CI_TOKEN';
const CI_TOKEN_MIN_LENGTH = 24;

/**
 * What CI's static token may do, and nothing more: read the catalog, check
 * a catalog-info.yaml, and refresh entities after a merge. Backstage allows
 * service calls without asking the policy, so these restrictions are all
 * that narrows it. Scorecards are not in it: Backstage does not let a
 * restricted token be passed on to another plugin, and scorecards read the
 * catalog as their caller.
 */
const CI_ACCESS = [
  {
    plugin: 'catalog',
    permission: [
      'catalog.entity.read',
      'catalog.entity.validate',
      'catalog.entity.refresh',
      'catalog.location.read',
    ],
  },
];

/**
 * Who holds the admin and platform-engineer roles of the policy file, from
 * GREENROOM_ADMINS and GREENROOM_PLATFORM_ENGINEERS (comma-separated user
 * and group refs). An unset variable leaves the role with the members the
 * policy file lists; refs are checked by the access control module at
 * start-up. GREENROOM_CI_TOKEN, when set, is a static token for CI with the
 * narrow access of {@link CI_ACCESS}.
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
  const errors: string[] = [];
  const ciToken = readVar(env, CI_TOKEN_VAR);
  if (
    ciToken !== undefined &&
    (ciToken.length < CI_TOKEN_MIN_LENGTH || /\s/.test(ciToken))
  ) {
    errors.push(
      `${CI_TOKEN_VAR} must be at least ${CI_TOKEN_MIN_LENGTH} characters with no spaces (e.g. from: openssl rand -base64 32)`,
    );
  }
  return {
    config: {
      greenroom: {
        accessControl: {
          policyFile: './access-control/policy.yaml',
          members,
        },
      },
      ...(ciToken && errors.length === 0
        ? {
            backend: {
              auth: {
                externalAccess: [
                  {
                    type: 'static',
                    options: { token: ciToken, subject: 'ci' },
                    accessRestrictions: CI_ACCESS,
                  },
                ],
              },
            },
          }
        : {}),
    },
    errors,
  };
}
