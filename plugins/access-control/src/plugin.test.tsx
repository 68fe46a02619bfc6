import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { accessControlApiRef } from './api';
import plugin from './index';
import { rootRouteRef } from './routes';
import {
  adminPermissions,
  mockAccessControlApi,
} from './__testUtils__/fixtures';

describe('access-control plugin', () => {
  it('serves the Access control page at /access-control, on the root route', async () => {
    const page = createExtensionTester(
      plugin.getExtension('page:access-control'),
    );
    expect(page.get(coreExtensionData.routePath)).toBe('/access-control');
    expect(page.get(coreExtensionData.routeRef)).toBe(rootRouteRef);

    renderTestApp({
      features: [plugin],
      apis: [[accessControlApiRef, mockAccessControlApi()], adminPermissions()],
      initialRouteEntries: ['/access-control'],
    });
    expect(
      await screen.findByRole('region', { name: 'Role admin' }),
    ).toBeInTheDocument();
  });

  it('provides the access control API as a client of the permission backend', async () => {
    const factory = createExtensionTester(
      plugin.getExtension('api:access-control'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(accessControlApiRef);

    const getBaseUrl = jest.fn(async () => 'http://backend/api/permission');
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ roles: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const client = factory.factory({
      discoveryApi: { getBaseUrl },
      fetchApi: { fetch },
    }) as typeof accessControlApiRef.T;

    await expect(client.listRoles()).resolves.toEqual({ roles: [] });
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe(
      'http://backend/api/permission/access-control/roles',
    );
  });
});
