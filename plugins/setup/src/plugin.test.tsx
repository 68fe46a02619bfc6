import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { setupApiRef } from './api';
import plugin from './index';
import { rootRouteRef } from './routes';
import { adminApi } from './__testUtils__/fixtures';

describe('setup plugin', () => {
  it('serves the Setup page at /setup, on the root route', async () => {
    const page = createExtensionTester(plugin.getExtension('page:setup'));
    expect(page.get(coreExtensionData.routePath)).toBe('/setup');
    expect(page.get(coreExtensionData.routeRef)).toBe(rootRouteRef);

    renderTestApp({
      features: [plugin],
      apis: [[setupApiRef, adminApi()]],
      initialRouteEntries: ['/setup'],
    });
    expect(
      await screen.findByRole('table', { name: 'Catalog providers' }),
    ).toBeInTheDocument();
  });

  it('provides the setup API as a client of the setup backend', async () => {
    const factory = createExtensionTester(plugin.getExtension('api:setup')).get(
      ApiBlueprint.dataRefs.factory,
    );
    expect(factory.api).toBe(setupApiRef);

    const getBaseUrl = jest.fn(async () => 'http://backend/api/setup');
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ missing: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const client = factory.factory({
      discoveryApi: { getBaseUrl },
      fetchApi: { fetch },
    }) as typeof setupApiRef.T;

    await expect(client.getStatus()).resolves.toEqual({ missing: [] });
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe(
      'http://backend/api/setup/status',
    );
  });
});
