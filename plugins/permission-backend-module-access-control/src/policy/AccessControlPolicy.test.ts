import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationCreatePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  Permission,
} from '@backstage/plugin-permission-common';
import {
  taskReadPermission,
  templateParameterReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  accessControlManagePermission,
  accessControlReadPermission,
} from '@internal/plugin-access-control-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { AccessControlPolicy } from './AccessControlPolicy';
import { greenroomPermissions } from './knownPermissions';
import { PolicyFile } from './PolicyFile';
import { RoleMembers } from './RoleMembers';

const shipped = path.resolve(
  __dirname,
  '../../../../access-control/policy.yaml',
);
const known = greenroomPermissions();

function userOf(userEntityRef: string, groups: string[] = []): PolicyQueryUser {
  return {
    credentials: {
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'user', userEntityRef },
    },
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  } as PolicyQueryUser;
}

/** Nobody has a role from the access control page. */
const noGrants = { current: async () => [] };

const members = RoleMembers.fromConfig(
  new ConfigReader({
    greenroom: {
      accessControl: {
        members: {
          admin: ['user:default/ada'],
          'platform-engineer': ['group:default/platform'],
          viewer: ['user:default/vic'],
        },
      },
    },
  }),
);

describe('AccessControlPolicy with the shipped roles', () => {
  const file = PolicyFile.create({
    file: shipped,
    known,
    logger: mockServices.logger.mock(),
  });
  const policy = AccessControlPolicy.create({
    file,
    members,
    grants: noGrants,
    known,
  });
  const decide = (permission: Permission, user?: PolicyQueryUser) =>
    policy.handle({ permission }, user);

  const ada = userOf('user:default/ada');
  // a member of a child group of platform: ownership refs carry parents
  const pat = userOf('user:default/pat', [
    'group:default/sre',
    'group:default/platform',
  ]);
  const mo = userOf('user:default/mo', ['group:default/payments']);
  const vic = userOf('user:default/vic', ['group:default/payments']);

  it('gives admins everything, access control included', async () => {
    expect(await decide(accessControlManagePermission, ada)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
  });

  it('lets platform engineers, through a child group, register locations', async () => {
    expect((await decide(catalogLocationCreatePermission, pat)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(catalogEntityDeletePermission, pat)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('gives a user in no role the member role: owners only, their own tasks, recommended templates', async () => {
    expect((await decide(catalogLocationCreatePermission, mo)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(await decide(catalogEntityDeletePermission, mo)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['user:default/mo', 'group:default/payments'] },
      },
    });
    expect(await decide(taskReadPermission, mo)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'scaffolder',
      resourceType: 'scaffolder-task',
      conditions: {
        rule: 'IS_TASK_OWNER',
        resourceType: 'scaffolder-task',
        params: { createdBy: ['user:default/mo'] },
      },
    });
    // templates: members read, and so run, the recommended ones only
    expect(await decide(catalogEntityReadPermission, mo)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            not: {
              rule: 'IS_ENTITY_KIND',
              resourceType: 'catalog-entity',
              params: { kinds: ['Template'] },
            },
          },
          {
            rule: 'HAS_METADATA',
            resourceType: 'catalog-entity',
            params: { key: 'tags', value: 'recommended' },
          },
        ],
      },
    });
    expect((await decide(catalogEntityReadPermission, pat)).result).toBe(
      AuthorizeResult.ALLOW,
    );
    expect((await decide(accessControlManagePermission, mo)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('keeps a viewer to reading, even in a team that owns things', async () => {
    expect((await decide(catalogEntityReadPermission, vic)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
    expect((await decide(catalogEntityDeletePermission, vic)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await decide(templateParameterReadPermission, vic)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('denies a caller who is not a signed-in user', async () => {
    expect((await decide(catalogEntityReadPermission)).result).toBe(
      AuthorizeResult.DENY,
    );
  });
});

describe('AccessControlPolicy when the file breaks', () => {
  it('denies everything while the file cannot be used, and allows again once fixed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'access-control-'));
    const target = path.join(dir, 'policy.yaml');
    fs.copyFileSync(shipped, target);
    const logger = mockServices.logger.mock();
    const file = PolicyFile.create({ file: target, known, logger });
    const policy = AccessControlPolicy.create({
      file,
      members,
      grants: noGrants,
      known,
    });
    const ada = userOf('user:default/ada');
    const read = () =>
      policy.handle({ permission: catalogEntityReadPermission }, ada);
    expect((await read()).result).toBe(AuthorizeResult.ALLOW);

    fs.writeFileSync(
      target,
      fs
        .readFileSync(shipped, 'utf8')
        .replace('- catalog.entity.read', '- catalog.entity.raed'),
    );
    expect(file.reload()).toEqual({
      ok: false,
      file: target,
      problems: [
        expect.stringMatching(
          new RegExp(
            `^${target}:\\d+: unknown permission 'catalog\\.entity\\.raed'`,
          ),
        ),
      ],
    });
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('every request is denied until it is fixed'),
    );
    expect((await read()).result).toBe(AuthorizeResult.DENY);
    // the admins config names may still open the page that shows the problems
    const readAccessControl = (who: PolicyQueryUser) =>
      policy.handle({ permission: accessControlReadPermission }, who);
    expect((await readAccessControl(ada)).result).toBe(AuthorizeResult.ALLOW);
    expect(
      (await policy.handle({ permission: accessControlManagePermission }, ada))
        .result,
    ).toBe(AuthorizeResult.DENY);
    expect((await readAccessControl(userOf('user:default/mo'))).result).toBe(
      AuthorizeResult.DENY,
    );

    fs.copyFileSync(shipped, target);
    file.reload();
    expect((await read()).result).toBe(AuthorizeResult.ALLOW);
    fs.rmSync(dir, { recursive: true });
  });
});
