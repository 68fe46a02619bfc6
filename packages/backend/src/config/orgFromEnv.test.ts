import { ConfigReader } from '@backstage/config';
import { readProviderConfigs as readLdapProviders } from '@backstage/plugin-catalog-backend-module-ldap';
import { readProviderConfigs as readMicrosoftGraphProviders } from '@backstage/plugin-catalog-backend-module-msgraph';
import { orgConfigFromEnv } from './orgFromEnv';

const schedule = {
  frequency: { minutes: 60 },
  timeout: { minutes: 30 },
  initialDelay: { seconds: 10 },
};

const ldapEnv = {
  LDAP_URL: 'ldaps://ldap.example.com',
  LDAP_BIND_DN: 'cn=greenroom,ou=services,dc=example,dc=com',
  LDAP_BIND_PASSWORD: 'secret',
  LDAP_USERS_BASE_DN: 'ou=people,dc=example,dc=com',
  LDAP_GROUPS_BASE_DN: 'ou=groups,dc=example,dc=com',
};

const app = {
  GITHUB_APP_ID: '123456',
  GITHUB_APP_CLIENT_ID: 'Iv1.abc',
  GITHUB_APP_CLIENT_SECRET: 'app-secret',
  GITHUB_APP_PRIVATE_KEY:
    '-----BEGIN RSA PRIVATE KEY-----\\nMIIE\\n-----END RSA PRIVATE KEY-----',
};

/** The LDAP provider as the first-party module reads it from the config. */
const ldapProvider = (env: NodeJS.ProcessEnv) => {
  const { config, errors } = orgConfigFromEnv(env);
  expect(errors).toEqual([]);
  const providers = readLdapProviders(new ConfigReader(config));
  expect(providers).toHaveLength(1);
  return providers[0];
};

describe('orgConfigFromEnv', () => {
  it('adds nothing when no variable is set', () => {
    expect(orgConfigFromEnv({})).toEqual({ config: {}, errors: [] });
  });

  describe('the GitHub integration', () => {
    it('authenticates with GITHUB_TOKEN', () => {
      expect(orgConfigFromEnv({ GITHUB_TOKEN: 'ghp_x' })).toEqual({
        config: {
          integrations: { github: [{ host: 'github.com', token: 'ghp_x' }] },
        },
        errors: [],
      });
    });

    it('authenticates as a GitHub App, its ID a number, on GitHub Enterprise with its API URLs', () => {
      const { config, errors } = orgConfigFromEnv({
        ...app,
        GITHUB_APP_WEBHOOK_SECRET: 'hook',
        GITHUB_HOST: 'ghe.example.com',
      });
      expect(errors).toEqual([]);
      expect(config.integrations).toEqual({
        github: [
          {
            host: 'ghe.example.com',
            apiBaseUrl: 'https://ghe.example.com/api/v3',
            rawBaseUrl: 'https://ghe.example.com/raw',
            apps: [
              {
                appId: 123456,
                clientId: 'Iv1.abc',
                clientSecret: 'app-secret',
                privateKey: app.GITHUB_APP_PRIVATE_KEY,
                webhookSecret: 'hook',
              },
            ],
          },
        ],
      });
    });

    it('names the App variables that are missing, and a wrong App ID', () => {
      expect(
        orgConfigFromEnv({ GITHUB_APP_ID: '1', GITHUB_APP_CLIENT_ID: 'Iv1' })
          .errors,
      ).toEqual([
        'GITHUB_APP_CLIENT_SECRET is not set: a client secret generated on that page, needed because GITHUB_APP_ID and GITHUB_APP_CLIENT_ID are set',
        'GITHUB_APP_PRIVATE_KEY is not set: a private key generated on that page (the whole PEM file, newlines as \\n allowed), needed because GITHUB_APP_ID and GITHUB_APP_CLIENT_ID are set',
      ]);
      expect(
        orgConfigFromEnv({ ...app, GITHUB_APP_ID: 'my-app' }).errors,
      ).toEqual([
        'GITHUB_APP_ID is "my-app", not a number: the App ID on the GitHub App’s settings page',
      ]);
      expect(
        orgConfigFromEnv({ GITHUB_TOKEN: 'x', GITHUB_APP_WEBHOOK_SECRET: 'h' })
          .errors,
      ).toEqual([
        'GITHUB_APP_ID is not set: the App ID on the GitHub App’s settings page, needed because GITHUB_APP_WEBHOOK_SECRET is set',
      ]);
    });
  });

  describe('the GitHub org provider', () => {
    it('reads GITHUB_ORG hourly, first 10 s after start, with verified-domain emails', () => {
      const { config, errors } = orgConfigFromEnv({
        GITHUB_ORG: 'acme',
        GITHUB_TOKEN: 'ghp_x',
      });
      expect(errors).toEqual([]);
      expect(config.catalog).toEqual({
        providers: {
          githubOrg: {
            id: 'default',
            githubUrl: 'https://github.com',
            orgs: ['acme'],
            schedule,
            defaultUserTransformer: { useVerifiedEmails: true },
          },
        },
      });
    });

    it('runs every CATALOG_PROVIDERS_SCHEDULE_MINUTES, a number above 0', () => {
      const every = (minutes: string) =>
        orgConfigFromEnv({
          GITHUB_ORG: 'acme',
          GITHUB_TOKEN: 'x',
          CATALOG_PROVIDERS_SCHEDULE_MINUTES: minutes,
        });
      expect(
        (every('15').config as any).catalog.providers.githubOrg.schedule
          .frequency,
      ).toEqual({ minutes: 15 });
      for (const wrong of ['abc', '0', '-5']) {
        expect(every(wrong).errors).toEqual([
          `CATALOG_PROVIDERS_SCHEDULE_MINUTES is "${wrong}": the minutes between two runs of each org and discovery provider, a number above 0 (60 when unset)`,
        ]);
      }
    });

    it('needs credentials for GITHUB_ORG', () => {
      expect(orgConfigFromEnv({ GITHUB_ORG: 'acme' })).toEqual({
        config: {},
        errors: [
          'GITHUB_TOKEN is not set: a token with the read:org and user:email scopes (or a GitHub App: GITHUB_APP_ID and its partners) to read the organization’s people and teams, needed because GITHUB_ORG is set',
        ],
      });
    });

    it('leaves people to LDAP or Microsoft Graph when either is configured', () => {
      for (const people of [
        ldapEnv,
        {
          MSGRAPH_TENANT_ID: 't',
          MSGRAPH_CLIENT_ID: 'c',
          MSGRAPH_CLIENT_SECRET: 's',
        },
      ]) {
        const { config, errors } = orgConfigFromEnv({
          GITHUB_ORG: 'acme',
          GITHUB_TOKEN: 'x',
          ...people,
        });
        expect(errors).toEqual([]);
        expect(Object.keys((config.catalog as any).providers)).not.toContain(
          'githubOrg',
        );
        expect(config.integrations).toBeTruthy();
      }
    });
  });

  describe('the LDAP org provider', () => {
    it('reads inetOrgPerson people, and groupOfNames and posixGroup groups as teams, by default (OpenLDAP)', () => {
      const provider = ldapProvider(ldapEnv);
      expect(provider).toMatchObject({
        id: 'default',
        target: 'ldaps://ldap.example.com',
        bind: { dn: ldapEnv.LDAP_BIND_DN, secret: 'secret' },
      });
      // the vendor the module detects: entryDN and entryUUID for OpenLDAP
      expect(provider.vendor).toBeUndefined();
      expect(provider.users).toEqual([
        {
          dn: ldapEnv.LDAP_USERS_BASE_DN,
          options: {
            scope: 'sub',
            filter: '(objectClass=inetOrgPerson)',
            attributes: ['*', '+'],
            paged: true,
          },
          map: {
            rdn: 'uid',
            name: 'uid',
            displayName: 'cn',
            email: 'mail',
            memberOf: 'memberOf',
          },
        },
      ]);
      expect(provider.groups.map(group => group.options.filter)).toEqual([
        '(objectClass=groupOfNames)',
        '(&(objectClass=posixGroup)(!(objectClass=groupOfNames)))',
      ]);
      expect(provider.groups.map(group => group.map.members)).toEqual([
        'member',
        'memberUid',
      ]);
      for (const group of provider.groups) {
        expect(group).toMatchObject({
          dn: ldapEnv.LDAP_GROUPS_BASE_DN,
          options: { scope: 'sub', paged: true },
          set: { 'spec.type': 'team' },
          map: { name: 'cn', displayName: 'cn' },
        });
      }
      expect(provider.schedule?.frequency).toEqual({ minutes: 60 });
    });

    it('takes LDAP_USERS_FILTER and LDAP_GROUPS_FILTER instead of the default filters', () => {
      const provider = ldapProvider({
        ...ldapEnv,
        LDAP_USERS_FILTER: '(&(objectClass=inetOrgPerson)(mail=*))',
        LDAP_GROUPS_FILTER: '(cn=team-*)',
      });
      expect(provider.users[0].options.filter).toBe(
        '(&(objectClass=inetOrgPerson)(mail=*))',
      );
      expect(provider.groups).toHaveLength(1);
      expect(provider.groups[0].options.filter).toBe('(cn=team-*)');
      expect(provider.groups[0].map.members).toBe('member');
    });

    it('maps sAMAccountName, member and objectGUID with LDAP_SCHEMA=activedirectory', () => {
      const provider = ldapProvider({
        ...ldapEnv,
        LDAP_SCHEMA: 'activedirectory',
      });
      expect(provider.vendor).toEqual({
        dnAttributeName: 'distinguishedName',
        uuidAttributeName: 'objectGUID',
      });
      expect(provider.users).toEqual([
        {
          dn: ldapEnv.LDAP_USERS_BASE_DN,
          options: {
            scope: 'sub',
            filter:
              '(&(objectCategory=person)(objectClass=user)(!(userAccountControl:1.2.840.113556.1.4.803:=2)))',
            attributes: [
              'sAMAccountName',
              'cn',
              'displayName',
              'mail',
              'description',
              'memberOf',
              'distinguishedName',
              'objectGUID',
            ],
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
      ]);
      expect(provider.groups).toHaveLength(1);
      expect(provider.groups[0]).toMatchObject({
        dn: ldapEnv.LDAP_GROUPS_BASE_DN,
        options: { scope: 'sub', filter: '(objectClass=group)', paged: true },
        set: { 'spec.type': 'team' },
        map: {
          rdn: 'cn',
          name: 'cn',
          email: 'mail',
          members: 'member',
          memberOf: 'memberOf',
        },
      });
      // groupType, a bit mask, is not read, so the set type stays
      expect(provider.groups[0].options.attributes).not.toContain('groupType');
    });

    it('binds anonymously without LDAP_BIND_DN', () => {
      const { LDAP_BIND_DN, LDAP_BIND_PASSWORD, ...anonymous } = ldapEnv;
      expect(ldapProvider(anonymous).bind).toBeUndefined();
    });

    it('names the LDAP variables that are missing or wrong', () => {
      expect(orgConfigFromEnv({ LDAP_URL: ldapEnv.LDAP_URL }).errors).toEqual([
        'LDAP_USERS_BASE_DN is not set: the DN under which people are read, e.g. ou=people,dc=example,dc=com, needed because LDAP_URL is set',
        'LDAP_GROUPS_BASE_DN is not set: the DN under which groups are read, e.g. ou=groups,dc=example,dc=com, needed because LDAP_URL is set',
      ]);
      expect(
        orgConfigFromEnv({ LDAP_BIND_DN: 'cn=x', LDAP_SCHEMA: 'openldap' })
          .errors,
      ).toEqual([
        'LDAP_BIND_PASSWORD is not set: the password of that DN, needed because LDAP_BIND_DN is set',
        'LDAP_URL is not set: the LDAP server, e.g. ldaps://ldap.example.com, needed because LDAP_SCHEMA and LDAP_BIND_DN are set',
      ]);
      expect(
        orgConfigFromEnv({
          ...ldapEnv,
          LDAP_URL: 'ldap.example.com',
          LDAP_SCHEMA: 'ad',
        }).errors,
      ).toEqual([
        'LDAP_SCHEMA is "ad": openldap (inetOrgPerson people, groupOfNames or posixGroup groups; the default) or activedirectory',
        'LDAP_URL is "ldap.example.com", not an ldap:// or ldaps:// server URL: the LDAP server, e.g. ldaps://ldap.example.com',
      ]);
    });
  });

  describe('the Microsoft Graph org provider', () => {
    it('reads enabled members of the tenant, without photos', () => {
      const { config, errors } = orgConfigFromEnv({
        MSGRAPH_TENANT_ID: 'tenant',
        MSGRAPH_CLIENT_ID: 'client',
        MSGRAPH_CLIENT_SECRET: 'secret',
      });
      expect(errors).toEqual([]);
      expect(readMicrosoftGraphProviders(new ConfigReader(config))).toEqual([
        expect.objectContaining({
          id: 'default',
          target: 'https://graph.microsoft.com/v1.0',
          tenantId: 'tenant',
          clientId: 'client',
          clientSecret: 'secret',
          userFilter: "accountEnabled eq true and userType eq 'Member'",
          loadUserPhotos: false,
          schedule: expect.objectContaining({ frequency: { minutes: 60 } }),
        }),
      ]);
    });

    it('names the Microsoft Graph variables that are missing', () => {
      expect(orgConfigFromEnv({ MSGRAPH_TENANT_ID: 't' }).errors).toEqual([
        'MSGRAPH_CLIENT_ID is not set: the application (client) ID of an app registration with the User.Read.All and GroupMember.Read.All application permissions, needed because MSGRAPH_TENANT_ID is set',
        'MSGRAPH_CLIENT_SECRET is not set: a client secret of that app registration, needed because MSGRAPH_TENANT_ID is set',
      ]);
    });
  });
});
