import catalogModuleLdap from '@backstage/plugin-catalog-backend-module-ldap';
import {
  createTestDatabases,
  orgLdif,
  Slapd,
  startSlapd,
  waitUntil,
} from '@internal/test-utils';
import { orgConfigFromEnv } from '../../config/orgFromEnv';
import {
  CatalogTestBackend,
  relations,
  startCatalogTestBackend,
} from './__testUtils__/catalogTestBackend';
import { catalogModuleLdapEntityNames } from './ldapEntityNames';

// The first-party LDAP org provider, configured as production configures it
// from LDAP_* (the OpenLDAP schema), against Debian's slapd, on a real
// catalog, scheduler and Postgres.

jest.setTimeout(180_000);

const databases = createTestDatabases();

const org = orgLdif({
  people: [
    { uid: 'alice', name: 'Alice Martin', mail: 'alice@example.org' },
    { uid: 'bob', name: 'Bob Stone', mail: 'bob@example.org' },
    { uid: 'carol', name: 'Carol Ng', mail: 'carol@example.org' },
  ],
  groups: [
    {
      cn: 'engineering',
      members: [],
      subgroups: ['Team Payments', 'platform'],
    },
    {
      cn: 'Team Payments',
      members: ['alice', 'bob'],
      description: 'Takes the money',
    },
    { cn: 'platform', members: ['carol'] },
    { cn: 'oncall', members: ['alice', 'carol'], objectClass: 'posixGroup' },
  ],
});

describe('LDAP people and groups, OpenLDAP schema', () => {
  let slapd: Slapd;
  const ldapEnv = (password: string) => ({
    LDAP_URL: slapd.url,
    LDAP_BIND_DN: slapd.bindDn,
    LDAP_BIND_PASSWORD: password,
    LDAP_USERS_BASE_DN: org.usersDn,
    LDAP_GROUPS_BASE_DN: org.groupsDn,
  });
  const start = (password: string) => {
    const { config, errors } = orgConfigFromEnv(ldapEnv(password));
    if (errors.length) throw new Error(errors.join('\n'));
    return startCatalogTestBackend({
      config,
      features: [catalogModuleLdap, catalogModuleLdapEntityNames],
      databases,
    });
  };

  beforeAll(async () => {
    slapd = await startSlapd({ ldif: org.ldif });
  });

  afterAll(async () => {
    await slapd?.stop();
  });

  describe('read with the right bind', () => {
    let backend: CatalogTestBackend;

    beforeAll(async () => {
      backend = await start(slapd.bindPassword);
      // the first scheduled run, 10 s after start
      await waitUntil(
        async () =>
          (await backend.get('/entities/by-name/group/default/oncall')) !==
            undefined &&
          relations(
            await backend.get('/entities/by-name/user/default/alice'),
            'memberOf',
          ).length === 2,
        {
          timeoutMs: 120_000,
          what: () =>
            `the LDAP org in the catalog; logs:\n${backend.logs.join('\n')}`,
        },
      );
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('brings in each person with their name, email and groups', async () => {
      const alice = await backend.get('/entities/by-name/user/default/alice');
      expect(alice.spec.profile).toEqual({
        displayName: 'Alice Martin',
        email: 'alice@example.org',
      });
      expect(relations(alice, 'memberOf')).toEqual([
        'group:default/oncall',
        'group:default/team-payments',
      ]);
      expect(
        relations(
          await backend.get('/entities/by-name/user/default/carol'),
          'memberOf',
        ),
      ).toEqual(['group:default/oncall', 'group:default/platform']);
    });

    it('brings in groupOfNames and posixGroup groups as teams, a name with a space made valid', async () => {
      const payments = await backend.get(
        '/entities/by-name/group/default/team-payments',
      );
      expect(payments.metadata.description).toBe('Takes the money');
      expect(payments.spec).toMatchObject({
        type: 'team',
        profile: { displayName: 'Team Payments' },
      });
      expect(relations(payments, 'hasMember')).toEqual([
        'user:default/alice',
        'user:default/bob',
      ]);
      const oncall = await backend.get(
        '/entities/by-name/group/default/oncall',
      );
      expect(oncall.spec.type).toBe('team');
      expect(relations(oncall, 'hasMember')).toEqual([
        'user:default/alice',
        'user:default/carol',
      ]);
    });

    it('brings in the hierarchy of groups that are members of groups', async () => {
      const engineering = await backend.get(
        '/entities/by-name/group/default/engineering',
      );
      expect(relations(engineering, 'parentOf')).toEqual([
        'group:default/platform',
        'group:default/team-payments',
      ]);
      const platform = await backend.get(
        '/entities/by-name/group/default/platform',
      );
      expect(relations(platform, 'childOf')).toEqual([
        'group:default/engineering',
      ]);
    });

    it('logs the run with its counts', () => {
      expect(backend.logs).toContainEqual(
        expect.stringMatching(
          /^info Read 3 LDAP users and 4 LDAP groups in [\d.]+ seconds\. Committing\.\.\. .*"taskId":"LdapOrgEntityProvider:default:refresh"/,
        ),
      );
    });
  });

  describe('a bind with a wrong password', () => {
    let backend: CatalogTestBackend;

    beforeAll(async () => {
      backend = await start('wrong-password');
    });

    afterAll(async () => {
      await backend?.stop();
    });

    it('logs the reason, and the catalog keeps serving', async () => {
      const failed = () =>
        backend.logs.find(line =>
          line.startsWith('error LdapOrgEntityProvider:default refresh failed'),
        );
      await waitUntil(async () => failed() !== undefined, {
        timeoutMs: 60_000,
        what: () => `the failed run; logs:\n${backend.logs.join('\n')}`,
      });
      expect(failed()).toContain(
        'LDAP bind failed for cn=admin,dc=example,dc=org, InvalidCredentialsError',
      );
      expect(await backend.serves()).toBe(200);
      expect(await backend.get('/entities/by-name/user/default/alice')).toBe(
        undefined,
      );
    });
  });
});
