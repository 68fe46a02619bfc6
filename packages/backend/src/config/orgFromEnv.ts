import { JsonObject } from '@backstage/config';
import { EnvConfigPart } from './types';
import { listNames, readVar, readVarGroup } from './vars';

const githubAppVars = {
  GITHUB_APP_ID: 'the App ID on the GitHub App’s settings page',
  GITHUB_APP_CLIENT_ID: 'the Client ID on the GitHub App’s settings page',
  GITHUB_APP_CLIENT_SECRET: 'a client secret generated on that page',
  GITHUB_APP_PRIVATE_KEY:
    'a private key generated on that page (the whole PEM file, newlines as \\n allowed)',
};
const ldapVars = {
  LDAP_URL: 'the LDAP server, e.g. ldaps://ldap.example.com',
  LDAP_USERS_BASE_DN:
    'the DN under which people are read, e.g. ou=people,dc=example,dc=com',
  LDAP_GROUPS_BASE_DN:
    'the DN under which groups are read, e.g. ou=groups,dc=example,dc=com',
};
const ldapBindVars = {
  LDAP_BIND_DN:
    'the DN Greenroom binds as to read people and groups, e.g. cn=greenroom,ou=services,dc=example,dc=com',
  LDAP_BIND_PASSWORD: 'the password of that DN',
};
const msgraphVars = {
  MSGRAPH_TENANT_ID: 'the directory (tenant) ID of your Microsoft Entra ID',
  MSGRAPH_CLIENT_ID:
    'the application (client) ID of an app registration with the User.Read.All and GroupMember.Read.All application permissions',
  MSGRAPH_CLIENT_SECRET: 'a client secret of that app registration',
};

/** The GitHub host of the integration, the org and discovery (GitHub Enterprise: its host name). */
export function githubHostFromEnv(env: NodeJS.ProcessEnv): string {
  return readVar(env, 'GITHUB_HOST') ?? 'github.com';
}

/** Whether GITHUB_TOKEN or a GitHub App gives the integration credentials. */
export function hasGithubCredentials(env: NodeJS.ProcessEnv): boolean {
  return Boolean(readVar(env, 'GITHUB_TOKEN') || readVar(env, 'GITHUB_APP_ID'));
}

/**
 * The schedule of the org and discovery providers: every
 * CATALOG_PROVIDERS_SCHEDULE_MINUTES (60 by default), the first run 10 s
 * after start, once across replicas.
 */
export function catalogProvidersScheduleFromEnv(env: NodeJS.ProcessEnv): {
  schedule: JsonObject;
  errors: string[];
} {
  const raw = readVar(env, 'CATALOG_PROVIDERS_SCHEDULE_MINUTES');
  const minutes = raw === undefined ? 60 : Number(raw);
  const errors =
    Number.isFinite(minutes) && minutes > 0
      ? []
      : [
          `CATALOG_PROVIDERS_SCHEDULE_MINUTES is "${raw}": the minutes between two runs of each org and discovery provider, a number above 0 (60 when unset)`,
        ];
  return {
    schedule: {
      frequency: { minutes: errors.length ? 60 : minutes },
      timeout: { minutes: 30 },
      initialDelay: { seconds: 10 },
    },
    errors,
  };
}

function githubIntegrationFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const host = githubHostFromEnv(env);
  const token = readVar(env, 'GITHUB_TOKEN');
  const app = readVarGroup(env, githubAppVars);
  const errors = [...app.errors];
  const webhookSecret = readVar(env, 'GITHUB_APP_WEBHOOK_SECRET');
  if (webhookSecret && !readVar(env, 'GITHUB_APP_ID')) {
    errors.push(
      `GITHUB_APP_ID is not set: ${githubAppVars.GITHUB_APP_ID}, needed because GITHUB_APP_WEBHOOK_SECRET is set`,
    );
  }
  const appId = app.values && Number(app.values.GITHUB_APP_ID);
  if (appId !== undefined && !Number.isInteger(appId)) {
    errors.push(
      `GITHUB_APP_ID is "${app.values!.GITHUB_APP_ID}", not a number: ${
        githubAppVars.GITHUB_APP_ID
      }`,
    );
  }
  if (errors.length > 0 || (!token && !app.values)) {
    return { config: {}, errors };
  }
  const enterprise = host !== 'github.com';
  return {
    config: {
      integrations: {
        github: [
          {
            host,
            ...(enterprise && {
              apiBaseUrl: `https://${host}/api/v3`,
              rawBaseUrl: `https://${host}/raw`,
            }),
            ...(token && { token }),
            ...(app.values && {
              apps: [
                {
                  appId: appId!,
                  clientId: app.values.GITHUB_APP_CLIENT_ID,
                  clientSecret: app.values.GITHUB_APP_CLIENT_SECRET,
                  privateKey: app.values.GITHUB_APP_PRIVATE_KEY,
                  ...(webhookSecret && { webhookSecret }),
                },
              ],
            }),
          },
        ],
      },
    },
    errors: [],
  };
}

/**
 * GitHub org users, teams, the team hierarchy and memberships, when
 * GITHUB_ORG is set and no other source of people is: one person, one User,
 * so that a sign-in email names one User entity.
 */
function githubOrgFromEnv(
  env: NodeJS.ProcessEnv,
  schedule: JsonObject,
): EnvConfigPart {
  const org = readVar(env, 'GITHUB_ORG');
  const otherPeople =
    readVar(env, 'LDAP_URL') || readVar(env, 'MSGRAPH_TENANT_ID');
  if (!org || otherPeople) {
    return { config: {}, errors: [] };
  }
  if (!hasGithubCredentials(env)) {
    return {
      config: {},
      errors: [
        'GITHUB_TOKEN is not set: a token with the read:org and user:email scopes (or a GitHub App: GITHUB_APP_ID and its partners) to read the organization’s people and teams, needed because GITHUB_ORG is set',
      ],
    };
  }
  return {
    config: {
      catalog: {
        providers: {
          githubOrg: {
            id: 'default',
            githubUrl: `https://${githubHostFromEnv(env)}`,
            orgs: [org],
            schedule,
            // A GitHub App sees no public email: the org's verified-domain ones match sign-in.
            defaultUserTransformer: { useVerifiedEmails: true },
          },
        },
      },
    },
    errors: [],
  };
}

const ldapAttributes = {
  activedirectory: {
    // Not "*": AD users carry photos and certificates Greenroom does not show.
    users: [
      'sAMAccountName',
      'cn',
      'displayName',
      'mail',
      'description',
      'memberOf',
      'distinguishedName',
      'objectGUID',
    ],
    groups: [
      'cn',
      'displayName',
      'mail',
      'description',
      'member',
      'memberOf',
      'distinguishedName',
      'objectGUID',
    ],
  },
};

function ldapUsersAndGroups(
  schema: 'openldap' | 'activedirectory',
  usersDn: string,
  groupsDn: string,
  usersFilter: string | undefined,
  groupsFilter: string | undefined,
): JsonObject {
  // Groups of both schemas are teams (AD's groupType, a bit mask, is not read).
  const team = { 'spec.type': 'team' };
  if (schema === 'activedirectory') {
    return {
      users: {
        dn: usersDn,
        options: {
          scope: 'sub',
          // people, without disabled accounts
          filter:
            usersFilter ??
            '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
          attributes: ldapAttributes.activedirectory.users,
          paged: true,
        },
        map: {
          rdn: 'cn',
          name: 'sAMAccountName',
          displayName: 'displayName',
          email: 'mail',
          memberOf: 'memberOf',
        },
      },
      groups: {
        dn: groupsDn,
        options: {
          scope: 'sub',
          filter: groupsFilter ?? '(objectClass=group)',
          attributes: ldapAttributes.activedirectory.groups,
          paged: true,
        },
        set: team,
        map: {
          rdn: 'cn',
          name: 'cn',
          displayName: 'cn',
          email: 'mail',
          members: 'member',
          memberOf: 'memberOf',
        },
      },
      vendor: {
        dnAttributeName: 'distinguishedName',
        uuidAttributeName: 'objectGUID',
      },
    };
  }
  const groupOptions = (filter: string) => ({
    scope: 'sub',
    filter,
    paged: true,
  });
  return {
    // uid, cn and mail: the module's defaults, inetOrgPerson's attributes
    users: {
      dn: usersDn,
      options: {
        scope: 'sub',
        filter: usersFilter ?? '(objectClass=inetOrgPerson)',
        paged: true,
      },
    },
    // groupOfNames lists member DNs, posixGroup member uids
    groups: groupsFilter
      ? [{ dn: groupsDn, options: groupOptions(groupsFilter), set: team }]
      : [
          {
            dn: groupsDn,
            options: groupOptions('(objectClass=groupOfNames)'),
            set: team,
          },
          {
            dn: groupsDn,
            options: groupOptions(
              '(&(objectClass=posixGroup)(!(objectClass=groupOfNames)))',
            ),
            set: team,
            map: { members: 'memberUid' },
          },
        ],
  };
}

/** LDAP users, groups and memberships, with the OpenLDAP or Active Directory schema. */
function ldapOrgFromEnv(
  env: NodeJS.ProcessEnv,
  schedule: JsonObject,
): EnvConfigPart {
  const ldap = readVarGroup(env, ldapVars);
  const bind = readVarGroup(env, ldapBindVars);
  const errors = [...ldap.errors, ...bind.errors];
  const optional = [
    'LDAP_SCHEMA',
    'LDAP_USERS_FILTER',
    'LDAP_GROUPS_FILTER',
    ...Object.keys(ldapBindVars),
  ];
  if (!readVar(env, 'LDAP_URL')) {
    const set = optional.filter(name => readVar(env, name));
    if (set.length > 0 && ldap.errors.length === 0) {
      errors.push(
        `LDAP_URL is not set: ${ldapVars.LDAP_URL}, needed because ${listNames(
          set,
        )} ${set.length === 1 ? 'is' : 'are'} set`,
      );
    }
  }
  const schema = readVar(env, 'LDAP_SCHEMA') ?? 'openldap';
  if (schema !== 'openldap' && schema !== 'activedirectory') {
    errors.push(
      `LDAP_SCHEMA is "${schema}": openldap (inetOrgPerson people, groupOfNames or posixGroup groups; the default) or activedirectory`,
    );
  }
  const url = ldap.values?.LDAP_URL;
  if (url && !/^ldaps?:\/\/[^/]+\/?$/.test(url)) {
    errors.push(
      `LDAP_URL is "${url}", not an ldap:// or ldaps:// server URL: ${ldapVars.LDAP_URL}`,
    );
  }
  if (errors.length > 0 || !ldap.values) {
    return { config: {}, errors };
  }
  return {
    config: {
      catalog: {
        providers: {
          ldapOrg: {
            default: {
              target: ldap.values.LDAP_URL.replace(/\/$/, ''),
              ...(bind.values && {
                bind: {
                  dn: bind.values.LDAP_BIND_DN,
                  secret: bind.values.LDAP_BIND_PASSWORD,
                },
              }),
              ...ldapUsersAndGroups(
                schema as 'openldap' | 'activedirectory',
                ldap.values.LDAP_USERS_BASE_DN,
                ldap.values.LDAP_GROUPS_BASE_DN,
                readVar(env, 'LDAP_USERS_FILTER'),
                readVar(env, 'LDAP_GROUPS_FILTER'),
              ),
              schedule,
            },
          },
        },
      },
    },
    errors: [],
  };
}

/** Microsoft Entra ID users and groups through Microsoft Graph. */
function microsoftGraphOrgFromEnv(
  env: NodeJS.ProcessEnv,
  schedule: JsonObject,
): EnvConfigPart {
  const msgraph = readVarGroup(env, msgraphVars);
  if (!msgraph.values) {
    return { config: {}, errors: msgraph.errors };
  }
  return {
    config: {
      catalog: {
        providers: {
          microsoftGraphOrg: {
            default: {
              tenantId: msgraph.values.MSGRAPH_TENANT_ID,
              clientId: msgraph.values.MSGRAPH_CLIENT_ID,
              clientSecret: msgraph.values.MSGRAPH_CLIENT_SECRET,
              user: {
                filter: "accountEnabled eq true and userType eq 'Member'",
                // one request per person, and the photos inside every User entity
                loadPhotos: false,
              },
              schedule,
            },
          },
        },
      },
    },
    errors: [],
  };
}

/**
 * The people and teams of production, from the environment: GitHub org
 * (GITHUB_ORG), LDAP (LDAP_*) and Microsoft Graph (MSGRAPH_*) org providers
 * on CATALOG_PROVIDERS_SCHEDULE_MINUTES, and `integrations.github` from
 * GITHUB_TOKEN or a GitHub App (GITHUB_APP_*), on GITHUB_HOST.
 */
export function orgConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const { schedule, errors } = catalogProvidersScheduleFromEnv(env);
  const parts = [
    githubIntegrationFromEnv(env),
    githubOrgFromEnv(env, schedule),
    ldapOrgFromEnv(env, schedule),
    microsoftGraphOrgFromEnv(env, schedule),
  ];
  const providers = Object.assign(
    {},
    ...parts.map(
      part =>
        ((part.config.catalog as JsonObject)?.providers as JsonObject) ?? {},
    ),
  );
  const integrations = parts[0].config.integrations;
  return {
    config: {
      ...(integrations && { integrations }),
      ...(Object.keys(providers).length > 0 && { catalog: { providers } }),
    },
    errors: [...errors, ...parts.flatMap(part => part.errors)],
  };
}
