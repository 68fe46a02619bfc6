import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createBackendPlugin } from '@backstage/backend-plugin-api';
import {
  assertNoGuestSignInInProduction,
  authModuleProductionGuard,
} from './productionGuard';

// Modules only run inside their plugin, so the test installs an empty one.
const authPlugin = createBackendPlugin({
  pluginId: 'auth',
  register(reg) {
    reg.registerInit({ deps: {}, async init() {} });
  },
});

describe('productionGuard', () => {
  const withGuest = new ConfigReader({ auth: { providers: { guest: {} } } });
  const withoutGuest = new ConfigReader({
    auth: { providers: { guest: null, github: {} } },
  });

  it('refuses guest sign-in in production and names the key to change', () => {
    expect(() =>
      assertNoGuestSignInInProduction(withGuest, 'production'),
    ).toThrow(/auth\.providers\.guest.*NODE_ENV is production/);
  });

  it('allows guest sign-in in development and no guest in production', () => {
    expect(() =>
      assertNoGuestSignInInProduction(withGuest, 'development'),
    ).not.toThrow();
    expect(() =>
      assertNoGuestSignInInProduction(withoutGuest, 'production'),
    ).not.toThrow();
  });

  it('stops the backend from starting in production with guest sign-in', async () => {
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'production';
    try {
      await expect(
        startTestBackend({
          features: [
            authPlugin,
            authModuleProductionGuard,
            mockServices.rootConfig.factory({
              data: { auth: { providers: { guest: {} } } },
            }),
          ],
        }),
      ).rejects.toThrow(/Guest sign-in is enabled/);
    } finally {
      process.env.NODE_ENV = nodeEnv;
    }
  });
});
