import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AddressInfo } from 'node:net';
import { createTestDatabases } from '@internal/test-utils';
import { authModuleGreenroomGithubProvider } from './modules';

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

async function startAuth(providers: object) {
  const knex = await databases.init(databaseId);
  const { server } = await startTestBackend({
    features: [
      mockServices.database.factory({ knex }),
      authPlugin,
      authModuleGreenroomGithubProvider,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: { environment: 'production', providers },
        },
      }),
    ],
  });
  const { port } = server.address() as AddressInfo;
  return (path: string) =>
    fetch(`http://localhost:${port}${path}`, { redirect: 'manual' });
}

describe('Greenroom sign-in modules', () => {
  it('serves a provider configured in auth.providers', async () => {
    const get = await startAuth({
      github: { production: { clientId: 'gh-id', clientSecret: 'gh-secret' } },
    });
    const res = await get('/api/auth/github/start?env=production');
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(
      'https://github.com/login/oauth/authorize',
    );
    expect(location.searchParams.get('client_id')).toBe('gh-id');
    expect(location.searchParams.get('redirect_uri')).toMatch(
      /\/api\/auth\/github\/handler\/frame$/,
    );
  });

  it('leaves a provider without config unserved', async () => {
    const get = await startAuth({});
    const res = await get('/api/auth/github/start?env=production');
    expect(res.status).toBe(404);
  });
});
