import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { SignInPageBlueprint } from '@backstage/plugin-app-react';
import { oidcAuthApi } from './oidcAuthApi';

/**
 * The sign-in page offers the providers named in greenroom.signIn.providers:
 * guest in development, a real provider in production. OpenID Connect sign-in
 * needs its own API (`oidc`), the others are the app's stock ones.
 */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    oidcAuthApi,
    SignInPageBlueprint.make({
      params: {
        loader: async () => (await import('./SignInPage')).GreenroomSignInPage,
      },
    }),
  ],
});
