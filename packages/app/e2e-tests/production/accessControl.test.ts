import {
  APIRequestContext,
  APIResponse,
  Browser,
  expect,
  test,
} from '@playwright/test';
import { matrixPeople, MatrixWho } from './org';
import { signIn } from './signIn';
import { serviceToken } from './serviceToken';

/**
 * The permission matrix: the production backend with the shipped roles
 * (access-control/policy.yaml), people signed in through OpenID Connect as
 * the Users that LDAP brought in (GREENROOM_ADMINS names the admin,
 * GREENROOM_PLATFORM_ENGINEERS the platform engineers' parent group), and
 * each action tried by each of them through the API, asserting the answer
 * and, for a 403, the permission it names and what would grant it.
 */

type Who = MatrixWho;
const everyone: Who[] = ['admin', 'platformEngineer', 'owner', 'member'];

import { fromSetup } from './signIn';

const tokens = {} as Record<Who, string>;
let api: APIRequestContext;

function call(
  who: Who,
  method: 'GET' | 'POST' | 'DELETE',
  url: string,
  data?: object,
): Promise<APIResponse> {
  return api.fetch(url, {
    method,
    headers: { Authorization: `Bearer ${tokens[who]}` },
    ...(data ? { data } : {}),
  });
}

/** The answer is this status; a 403 also names `permission` and a grant that would allow it. */
async function expectAnswer(
  res: APIResponse,
  status: number,
  denied?: { permission: string; grantedBy: string },
) {
  const body = await res.text();
  expect(res.status(), body).toBe(status);
  if (denied) {
    const { error } = JSON.parse(body);
    expect(error.accessControl).toEqual({
      permission: denied.permission,
      grantedBy: expect.arrayContaining([denied.grantedBy]),
    });
    // the plugin's own message, then why
    expect(error.message).toMatch(
      new RegExp(
        `^.+\\. ${denied.permission.replace(/\./g, '\\.')} is .*your roles: `,
      ),
    );
  }
}

const asService = () => ({
  Authorization: `Bearer ${serviceToken(
    fromSetup('GREENROOM_PRODUCTION_SECRET'),
  )}`,
});

async function entityOf(ref: string) {
  const [kind, rest] = ref.split(':');
  const res = await api.get(`/api/catalog/entities/by-name/${kind}/${rest}`, {
    headers: asService(),
  });
  return res.status() === 200 ? res.json() : undefined;
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser, playwright }) => {
  test.setTimeout(240_000);
  api = await playwright.request.newContext({
    baseURL: fromSetup('GREENROOM_PRODUCTION_URL'),
  });
  // LDAP's people and groups, then the company's files, in the catalog
  for (const ref of [
    `user:default/${matrixPeople.owner.uid}`,
    'group:default/team-sre',
    'component:default/payments-ledger',
    'component:default/storefront-legacy',
    'template:default/matrix-restricted',
  ]) {
    await expect
      .poll(async () => (await entityOf(ref)) !== undefined, {
        message: `${ref} in the catalog`,
        timeout: 120_000,
      })
      .toBe(true);
  }
  // the platform engineer's group is a child of the configured one
  expect((await entityOf('group:default/team-sre')).spec.parent).toBe(
    'group:default/platform-engineering',
  );
  for (const who of everyone) {
    const session = await signIn(browser, who);
    tokens[who] = session.token;
    await session.context.close();
  }
});

test.afterAll(async () => {
  await api?.dispose();
});

test('everyone reads the catalog; only admins and platform engineers read a template that is not recommended', async () => {
  for (const who of everyone) {
    await expectAnswer(
      await call(
        who,
        'GET',
        '/api/catalog/entities/by-name/component/default/payments-api',
      ),
      200,
    );
    await expectAnswer(
      await call(
        who,
        'GET',
        '/api/catalog/entities/by-name/template/default/matrix-recommended',
      ),
      200,
    );
  }
  const restricted =
    '/api/catalog/entities/by-name/template/default/matrix-restricted';
  await expectAnswer(await call('admin', 'GET', restricted), 200);
  await expectAnswer(await call('platformEngineer', 'GET', restricted), 200);
  // the catalog does not tell others that it exists
  await expectAnswer(await call('owner', 'GET', restricted), 404);
  await expectAnswer(await call('member', 'GET', restricted), 404);
});

const taskOf = async (who: Who, template: string) =>
  call(who, 'POST', '/api/scaffolder/v2/tasks', {
    templateRef: `template:default/${template}`,
    values: {},
  });

test('everyone runs the recommended template; the other one only admins and platform engineers; task logs are their creator’s and the admins’', async () => {
  const tasks = {} as Record<Who, string>;
  for (const who of everyone) {
    const res = await taskOf(who, 'matrix-recommended');
    await expectAnswer(res, 201);
    tasks[who] = (await res.json()).id;
  }
  await expectAnswer(await taskOf('admin', 'matrix-restricted'), 201);
  await expectAnswer(
    await taskOf('platformEngineer', 'matrix-restricted'),
    201,
  );
  await expectAnswer(await taskOf('member', 'matrix-restricted'), 404);

  const ownersLog = `/api/scaffolder/v2/tasks/${tasks.owner}/events`;
  await expectAnswer(await call('owner', 'GET', ownersLog), 200);
  await expectAnswer(await call('admin', 'GET', ownersLog), 200);
  for (const who of ['member', 'platformEngineer'] as Who[]) {
    await expectAnswer(await call(who, 'GET', ownersLog), 403, {
      permission: 'scaffolder.task.read',
      grantedBy: 'the admin role',
    });
  }
  await expectAnswer(
    await call('member', 'GET', `/api/scaffolder/v2/tasks/${tasks.owner}`),
    403,
    {
      permission: 'scaffolder.task.read',
      grantedBy: 'your member role where started by you',
    },
  );
});

test('refresh: owners (through a child group) their team’s entities, platform engineers and admins any', async () => {
  const refresh = (who: Who, name: string) =>
    call(who, 'POST', '/api/catalog/refresh', {
      entityRef: `component:default/${name}`,
    });
  await expectAnswer(await refresh('owner', 'payments-api'), 200);
  await expectAnswer(await refresh('owner', 'storefront-web'), 403, {
    permission: 'catalog.entity.refresh',
    grantedBy: 'your member role where owned by you or one of your groups',
  });
  await expectAnswer(await refresh('member', 'payments-api'), 403, {
    permission: 'catalog.entity.refresh',
    grantedBy: 'the platform-engineer role',
  });
  await expectAnswer(await refresh('platformEngineer', 'payments-api'), 200);
  await expectAnswer(await refresh('admin', 'storefront-web'), 200);
});

test('unregister: owners their team’s entities, not another team’s; admins any', async () => {
  const uid = async (name: string) =>
    (await entityOf(`component:default/${name}`)).metadata.uid;
  const unregister = async (who: Who, name: string) =>
    call(who, 'DELETE', `/api/catalog/entities/by-uid/${await uid(name)}`);

  await expectAnswer(await unregister('owner', 'storefront-web'), 403, {
    permission: 'catalog.entity.delete',
    grantedBy: 'the platform-engineer role',
  });
  await expectAnswer(await unregister('member', 'payments-ledger'), 403, {
    permission: 'catalog.entity.delete',
    grantedBy: 'your member role where owned by you or one of your groups',
  });
  await expectAnswer(await unregister('owner', 'payments-ledger'), 204);
  await expectAnswer(await unregister('admin', 'storefront-legacy'), 204);

  // As it was for the next test: the location gives them back once processed.
  const target = `${fromSetup('GREENROOM_PRODUCTION_FILES_URL')}/software.yaml`;
  const { items } = await (
    await api.get(
      `/api/catalog/entities/by-query?filter=kind=location,spec.target=${encodeURIComponent(
        target,
      )}`,
      { headers: asService() },
    )
  ).json();
  expect(items).toHaveLength(1);
  await expectAnswer(
    await call('admin', 'POST', '/api/catalog/refresh', {
      entityRef: `location:default/${items[0].metadata.name}`,
    }),
    200,
  );
  for (const name of ['payments-ledger', 'storefront-legacy']) {
    await expect
      .poll(
        async () => (await entityOf(`component:default/${name}`)) !== undefined,
        {
          message: `${name} back in the catalog`,
          timeout: 60_000,
        },
      )
      .toBe(true);
  }
});

test('register a location: platform engineers and admins', async () => {
  const register = (who: Who) =>
    call(who, 'POST', '/api/catalog/locations?dryRun=true', {
      type: 'url',
      target: `${fromSetup(
        'GREENROOM_PRODUCTION_FILES_URL',
      )}/unregistered.yaml`,
    });
  await expectAnswer(await register('platformEngineer'), 201);
  await expectAnswer(await register('admin'), 201);
  for (const who of ['owner', 'member'] as Who[]) {
    await expectAnswer(await register(who), 403, {
      permission: 'catalog.location.create',
      grantedBy: 'the platform-engineer role',
    });
  }
});

test('re-evaluate scorecards: owners their entities, platform engineers everything', async () => {
  const one = (who: Who) =>
    call(
      who,
      'POST',
      '/api/scorecards/entities/default/component/payments-api/refresh',
    );
  await expectAnswer(await one('owner'), 200);
  await expectAnswer(await one('platformEngineer'), 200);
  await expectAnswer(await one('member'), 403, {
    permission: 'scorecards.entity.refresh',
    grantedBy: 'your member role where owned by you or one of your groups',
  });
  const all = (who: Who) => call(who, 'POST', '/api/scorecards/refresh');
  await expectAnswer(await all('platformEngineer'), 202);
  await expectAnswer(await all('owner'), 403, {
    permission: 'scorecards.refresh',
    grantedBy: 'the platform-engineer role',
  });
});

test('access control and the setup status: admins only', async () => {
  await expectAnswer(
    await call('admin', 'GET', '/api/permission/access-control/roles'),
    200,
  );
  await expectAnswer(await call('admin', 'GET', '/api/setup/status'), 200);
  for (const who of ['platformEngineer', 'owner', 'member'] as Who[]) {
    await expectAnswer(
      await call(who, 'GET', '/api/permission/access-control/roles'),
      403,
      { permission: 'access-control.read', grantedBy: 'the admin role' },
    );
  }
  await expectAnswer(
    await call('platformEngineer', 'GET', '/api/setup/status'),
    403,
    {
      permission: 'setup.status.read',
      grantedBy: 'the admin role',
    },
  );

  const viewer = `user:default/${matrixPeople.member.uid}`;
  await expectAnswer(
    await call(
      'member',
      'POST',
      '/api/permission/access-control/roles/admin/members',
      {
        member: viewer,
      },
    ),
    403,
    { permission: 'access-control.manage', grantedBy: 'the admin role' },
  );
  // an admin makes the member a viewer: read only, so no more templates
  await expectAnswer(
    await call(
      'admin',
      'POST',
      '/api/permission/access-control/roles/viewer/members',
      {
        member: viewer,
      },
    ),
    201,
  );
  await expectAnswer(await taskOf('member', 'matrix-recommended'), 403, {
    permission: 'scaffolder.task.create',
    grantedBy: 'the member role',
  });
  await expectAnswer(
    await call(
      'admin',
      'POST',
      '/api/permission/access-control/roles/viewer/members/revoke',
      {
        member: viewer,
      },
    ),
    204,
  );
  await expectAnswer(await taskOf('member', 'matrix-recommended'), 201);
});

test('CI’s static token reads the catalog, checks and refreshes entities; nothing else', async () => {
  const ci = (method: 'GET' | 'POST' | 'DELETE', url: string, data?: object) =>
    api.fetch(url, {
      method,
      headers: {
        Authorization: `Bearer ${fromSetup('GREENROOM_PRODUCTION_CI_TOKEN')}`,
      },
      ...(data ? { data } : {}),
    });
  const entity = await entityOf('component:default/payments-api');

  await expectAnswer(
    await ci(
      'GET',
      '/api/catalog/entities/by-name/component/default/payments-api',
    ),
    200,
  );
  await expectAnswer(
    await ci('POST', '/api/catalog/refresh', {
      entityRef: 'component:default/payments-api',
    }),
    200,
  );
  const validated = await ci('POST', '/api/catalog/validate-entity', {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'from-a-pull-request' },
      spec: { type: 'service', lifecycle: 'experimental', owner: 'team-sre' },
    },
    location:
      'url:https://github.com/northwind/from-a-pull-request/blob/main/catalog-info.yaml',
  });
  await expectAnswer(validated, 200);

  // not what it was given
  await expectAnswer(
    await ci('DELETE', `/api/catalog/entities/by-uid/${entity.metadata.uid}`),
    403,
  );
  await expectAnswer(
    await ci('POST', '/api/catalog/locations?dryRun=true', {
      type: 'url',
      target: `${fromSetup(
        'GREENROOM_PRODUCTION_FILES_URL',
      )}/unregistered.yaml`,
    }),
    403,
  );
  await expectAnswer(await ci('GET', '/api/scaffolder/v2/tasks'), 403);
  await expectAnswer(
    await ci(
      'POST',
      '/api/scorecards/entities/default/component/payments-api/refresh',
    ),
    403,
  );
  await expectAnswer(
    await ci('GET', '/api/permission/access-control/roles'),
    403,
  );
  // the refused delete left the entity as it was
  expect((await entityOf('component:default/payments-api'))?.metadata.uid).toBe(
    entity.metadata.uid,
  );
});
