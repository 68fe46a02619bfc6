import fs from 'node:fs';
import { BackstageUserPrincipal } from '@backstage/backend-plugin-api';
import os from 'node:os';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import permissionPlugin from '@backstage/plugin-permission-backend';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import request from 'supertest';
import { parse } from 'yaml';
import { GrantStore } from './grants/GrantStore';
import { permissionModuleAccessControl } from './module';

jest.setTimeout(120_000);

const databases = createTestDatabases();
const shipped = path.resolve(__dirname, '../../../access-control/policy.yaml');

const org = `
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-payments }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: Group
metadata: { name: team-storefront }
spec: { type: team, children: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: ada }
spec: { memberOf: [] }
---
apiVersion: backstage.io/v1alpha1
kind: User
metadata: { name: mo }
spec: { memberOf: [team-payments] }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, lifecycle: production, owner: team-payments }
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: storefront-web }
spec: { type: website, lifecycle: production, owner: team-storefront }
`;

/** What the sign-in resolver would put in the tokens: mo is in team-payments, the others in no group. */
const userInfo = mockServices.userInfo.mock({
  async getUserInfo(credentials) {
    const ref = (credentials.principal as BackstageUserPrincipal).userEntityRef;
    return {
      userEntityRef: ref,
      ownershipEntityRefs:
        ref === 'user:default/mo'
          ? [ref, 'group:default/team-payments']
          : [ref],
    };
  },
});

describe('the access control module, on a real permission backend and catalog', () => {
  let server: Awaited<ReturnType<typeof startTestBackend>>['server'];
  let store: GrantStore;
  const auditor = mockServices.auditor.mock();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'access-control-'));
  let stop = async () => {};

  const as = (user: string) => ({
    Authorization: mockCredentials.user.header(`user:default/${user}`),
  });
  // Basic permissions only: on a resource, the permission backend asks the
  // catalog with the user's test token, which the catalog refuses (the
  // simulator and the production permission matrix cover those).
  const authorize = async (user: string, name: string) => {
    const res = await request(server)
      .post('/api/permission/authorize')
      .set(as(user))
      .send({
        items: [
          { id: '1', permission: { type: 'basic', name, attributes: {} } },
        ],
      });
    expect(res.status).toBe(200);
    return res.body.items[0].result;
  };

  beforeAll(async () => {
    fs.writeFileSync(path.join(work, 'org.yaml'), org);
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        permissionPlugin,
        permissionModuleAccessControl,
        catalogPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            catalog: {
              locations: [
                { type: 'file', target: path.join(work, 'org.yaml') },
              ],
              rules: [{ allow: ['User', 'Group', 'Component', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            // ada is an admin on the page; config names only someone who
            // is not in the catalog (left the company), who does not count
            // as an admin left when ada's grant is revoked
            greenroom: {
              accessControl: {
                policyFile: shipped,
                members: { admin: ['user:default/left-the-company'] },
              },
            },
          },
        }),
        auditor.factory,
        userInfo.factory,
      ],
    });
    server = backend.server;
    stop = () => backend.stop();
    store = await GrantStore.create({
      database: {
        getClient: async () => knex,
        migrations: { skip: true },
      } as any,
    });
    await store.add({
      role: 'admin',
      member: 'user:default/ada',
      grantedBy: 'user:default/setup',
    });
    // As a service: test tokens carry no actor, so the permission backend
    // refuses the catalog's conditional question for a user (real backends
    // are covered by the production permission matrix).
    await waitUntil(
      async () =>
        (
          await request(server)
            .get(
              '/api/catalog/entities/by-name/component/default/storefront-web',
            )
            .set('Authorization', mockCredentials.service.header())
        ).status === 200,
      { timeoutMs: 60_000, what: 'the catalog to have the org and components' },
    );
  });

  afterAll(async () => {
    await stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('lists the roles, their grants and members, to admins only', async () => {
    const res = await request(server)
      .get('/api/permission/access-control/roles')
      .set(as('ada'));
    expect(res.status).toBe(200);
    expect(res.body.policyFile).toEqual({
      file: shipped,
      ok: true,
      problems: [],
    });
    expect(res.body.roles.map((r: any) => r.name)).toEqual([
      'admin',
      'platform-engineer',
      'member',
      'viewer',
    ]);
    expect(res.body.roles[0].members).toEqual([
      { member: 'user:default/left-the-company', source: 'config' },
      { member: 'user:default/ada', source: 'access control page' },
    ]);
    expect(
      res.body.roles
        .find((r: any) => r.name === 'member')
        .allow.find((g: any) => g.permission === 'catalog.entity.delete'),
    ).toEqual({
      permission: 'catalog.entity.delete',
      condition: 'owned by you or one of your groups',
      source: expect.stringMatching(/policy\.yaml:\d+$/),
    });

    const member = await request(server)
      .get('/api/permission/access-control/roles')
      .set(as('mo'));
    expect(member.status).toBe(403);
    expect(member.body.error.message).toBe('Not allowed: access-control.read');
  });

  it('simulates what a user may do on an entity, and says why', async () => {
    const simulate = (body: object) =>
      request(server)
        .post('/api/permission/access-control/simulate')
        .set(as('ada'))
        .send(body);
    const own = await simulate({
      user: 'user:default/mo',
      permission: 'catalog.entity.delete',
      entityRef: 'component:default/payments-api',
    });
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({
      user: 'user:default/mo',
      roles: ['member', 'viewer'],
      result: 'ALLOW',
      message: expect.stringContaining(
        'the member role where owned by you or one of your groups',
      ),
    });
    const other = await simulate({
      user: 'user:default/mo',
      permission: 'catalog.entity.delete',
      entityRef: 'component:default/storefront-web',
    });
    expect(other.body).toMatchObject({
      result: 'DENY',
      grantedBy: expect.arrayContaining([
        'your member role where owned by you or one of your groups',
        'the platform-engineer role',
        'the admin role',
      ]),
    });
    const unknown = await simulate({
      user: 'user:default/nobody',
      permission: 'catalog.entity.read',
    });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'No user user:default/nobody in the catalog',
    );
  });

  it('grants and revokes roles, audited, and the decisions follow at once', async () => {
    expect(await authorize('mo', 'catalog.location.create')).toBe('DENY');
    const grant = await request(server)
      .post('/api/permission/access-control/roles/platform-engineer/members')
      .set(as('ada'))
      .send({ member: 'user:default/mo' });
    expect(grant.status).toBe(201);
    expect(grant.body).toEqual({
      member: 'user:default/mo',
      source: 'access control page',
    });
    expect(await authorize('bo', 'catalog.location.create')).toBe('DENY');
    expect(await authorize('mo', 'catalog.location.create')).toBe('ALLOW');
    expect(auditor.createEvent).toHaveBeenCalledWith(
      expect.objectContaining({
        eventId: 'role-grant',
        severityLevel: 'high',
        meta: { role: 'platform-engineer', member: 'user:default/mo' },
      }),
    );

    const revoke = await request(server)
      .post(
        '/api/permission/access-control/roles/platform-engineer/members/revoke',
      )
      .set(as('ada'))
      .send({ member: 'user:default/mo' });
    expect(revoke.status).toBe(204);
    expect(await authorize('mo', 'catalog.location.create')).toBe('DENY');
  });

  it('refuses bad grants with what is wrong, and a member’s attempt', async () => {
    const post = (user: string, role: string, member: string) =>
      request(server)
        .post(`/api/permission/access-control/roles/${role}/members`)
        .set(as(user))
        .send({ member });
    const ghost = await post('ada', 'viewer', 'user:default/ghost');
    expect(ghost.status).toBe(400);
    expect(ghost.body.error.message).toMatch(
      /No user:default\/ghost in the catalog/,
    );
    const component = await post(
      'ada',
      'viewer',
      'component:default/payments-api',
    );
    expect(component.status).toBe(400);
    expect(component.body.error.message).toMatch(
      /is a component, not a user or group/,
    );
    const role = await post('ada', 'superuser', 'user:default/mo');
    expect(role.status).toBe(404);
    expect(role.body.error.message).toMatch(
      /No role 'superuser'; the roles are admin, /,
    );
    const self = await post('mo', 'admin', 'user:default/mo');
    expect(self.status).toBe(403);
    expect(await authorize('mo', 'access-control.manage')).toBe('DENY');
  });

  it('refuses to remove the last admin, and exports the policy with the members granted on the page', async () => {
    const revokeAda = () =>
      request(server)
        .post('/api/permission/access-control/roles/admin/members/revoke')
        .set(as('ada'))
        .send({ member: 'user:default/ada' });
    const last = await revokeAda();
    expect(last.status).toBe(409);
    expect(last.body.error.message).toBe(
      'user:default/ada is the last admin: grant admin to someone else first',
    );
    expect(await authorize('ada', 'access-control.manage')).toBe('ALLOW');

    const exported = await request(server)
      .get('/api/permission/access-control/export')
      .set(as('ada'));
    expect(exported.status).toBe(200);
    const doc = parse(exported.body.content);
    expect(doc.defaultRole).toBe('member');
    expect(doc.roles.admin).toEqual({
      description: 'Everything, access control included.',
      members: ['user:default/ada'],
      allow: ['*'],
    });
    expect(doc.roles.member.allow).toContainEqual({
      permission: 'catalog.entity.delete',
      if: { rule: 'IS_ENTITY_OWNER', params: { claims: '$ownership' } },
    });
  });
});

describe('the access control module, with config it no longer reads', () => {
  it('refuses to start on greenroom.admins, naming the key that replaced it', async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    await expect(
      startTestBackend({
        features: [
          permissionPlugin,
          permissionModuleAccessControl,
          mockServices.database.factory({ knex }),
          mockServices.rootConfig.factory({
            data: {
              permission: { enabled: true },
              greenroom: {
                admins: ['user:default/ada'],
                accessControl: { policyFile: shipped },
              },
            },
          }),
        ],
      }),
    ).rejects.toThrow(
      'greenroom.admins is no longer read: name admins in greenroom.accessControl.members.admin (or GREENROOM_ADMINS in production)',
    );
  });
});
