import { ResponseError } from '@backstage/errors';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  accessControlManagePermission,
  accessControlReadPermission,
  RoleList,
  Simulation,
} from '@internal/plugin-access-control-common';
import { AccessControlApi } from '../api';

/** The policy file's admin, platform-engineer and member roles, with members from each source. */
export const roleList = (): RoleList => ({
  policyFile: { file: 'access-control/policy.yaml', ok: true, problems: [] },
  defaultRole: 'member',
  roles: [
    {
      name: 'admin',
      description: 'Everything, access control included.',
      includes: [],
      allow: [{ permission: '*', source: 'access-control/policy.yaml:17' }],
      members: [
        { member: 'group:default/greenroom-admins', source: 'config' },
        { member: 'user:default/bob', source: 'access control page' },
      ],
    },
    {
      name: 'platform-engineer',
      description: 'Runs the catalog and the golden paths.',
      includes: ['member'],
      allow: [
        {
          permission: 'catalog.location.create',
          source: 'access-control/policy.yaml:28',
        },
      ],
      members: [{ member: 'user:default/carol', source: 'policy file' }],
    },
    {
      name: 'member',
      description: 'Reads the catalog and runs templates.',
      includes: [],
      allow: [
        {
          permission: 'catalog.entity.delete',
          condition: 'the entity is owned by the user or one of their groups',
          source: 'access-control/policy.yaml:52',
        },
      ],
      members: [],
    },
  ],
  permissions: [
    { name: 'access-control.read' },
    { name: 'catalog.entity.delete', resourceType: 'catalog-entity' },
  ],
});

export const simulation: Simulation = {
  user: 'user:default/alice',
  roles: ['platform-engineer', 'member'],
  permission: 'catalog.entity.delete',
  result: 'ALLOW',
  message:
    'user:default/alice may catalog.entity.delete on component:default/payments-service',
  grantedBy: ['member: catalog.entity.delete (access-control/policy.yaml:52)'],
};

/** A backend refusal in Backstage's error shape, as a ResponseError. */
export async function responseError(
  status: number,
  name: string,
  message: string,
) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name, message },
        response: { statusCode: status },
      }),
      { status, headers: { 'Content-Type': 'application/json' } },
    ),
  );
}

/** The access control API with each method a jest mock. */
export type MockAccessControlApi = {
  [K in keyof AccessControlApi]: jest.Mock;
};

/** The API answering with the roles above. */
export const mockAccessControlApi = (
  overrides: Partial<MockAccessControlApi> = {},
): MockAccessControlApi => ({
  listRoles: jest.fn(async () => roleList()),
  grantRole: jest.fn(async (_role: string, member: string) => ({
    member,
    source: 'access control page' as const,
  })),
  revokeRole: jest.fn(async () => undefined),
  exportPolicy: jest.fn(async () => ({
    fileName: 'policy.yaml',
    content: 'roles: {}\n',
  })),
  simulate: jest.fn(async () => simulation),
  ...overrides,
});

/** The permission API allowing the named permissions and denying the rest. */
export const permissionApi = (...allowed: string[]) =>
  mockApis.permission({
    authorize: request =>
      allowed.includes(request.permission.name)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY,
  });

/** An admin: may read and manage access control. */
export const adminPermissions = () =>
  permissionApi(
    accessControlReadPermission.name,
    accessControlManagePermission.name,
  );

/** May read access control, not change it. */
export const readerPermissions = () =>
  permissionApi(accessControlReadPermission.name);

/** May do neither. */
export const noPermissions = () => permissionApi();
