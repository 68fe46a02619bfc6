import {
  configApiRef,
  createFrontendModule,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';
import { SignInPage, SignInProviderConfig } from '@backstage/core-components';

const knownProviders: Record<string, 'guest' | SignInProviderConfig> = {
  guest: 'guest',
  github: {
    id: 'github-auth-provider',
    title: 'GitHub',
    message: 'Sign in using GitHub',
    apiRef: githubAuthApiRef,
  },
};

const GreenroomSignInPage = (props: SignInPageProps) => {
  const configApi = useApi(configApiRef);
  const names = configApi.getOptionalStringArray(
    'greenroom.signIn.providers',
  ) ?? ['guest'];
  const providers = names.map(name => {
    const provider = knownProviders[name];
    if (!provider) {
      throw new Error(
        `Unknown sign-in provider '${name}' in greenroom.signIn.providers; use one of ${Object.keys(
          knownProviders,
        ).join(', ')}`,
      );
    }
    return provider;
  });
  return (
    <SignInPage {...props} title="Welcome to Greenroom" providers={providers} />
  );
};

/**
 * The sign-in page offers the providers named in greenroom.signIn.providers:
 * guest in development, a real provider in production.
 */
export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => GreenroomSignInPage },
    }),
  ],
});
