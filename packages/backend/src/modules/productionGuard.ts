import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';

/**
 * Throws when guest sign-in is configured while running in production: anyone
 * reaching the portal could then act as the guest user.
 */
export function assertNoGuestSignInInProduction(
  config: Config,
  nodeEnv: string | undefined,
) {
  if (nodeEnv === 'production' && config.has('auth.providers.guest')) {
    throw new Error(
      'Guest sign-in is enabled (auth.providers.guest) while NODE_ENV is production. ' +
        'Refusing to start: set "auth.providers.guest: null" in app-config.production.yaml ' +
        'and configure a real sign-in provider.',
    );
  }
}

/** Stops the backend from starting with development-only auth in production. */
export const authModuleProductionGuard = createBackendModule({
  pluginId: 'auth',
  moduleId: 'production-guard',
  register(reg) {
    reg.registerInit({
      deps: { config: coreServices.rootConfig },
      async init({ config }) {
        assertNoGuestSignInInProduction(config, process.env.NODE_ENV);
      },
    });
  },
});
