import {
  coreServices,
  createBackendModule,
  LoggerService,
} from '@backstage/backend-plugin-api';
import {
  githubAuthenticator,
  githubSignInResolvers,
} from '@backstage/plugin-auth-backend-module-github-provider';
import {
  gitlabAuthenticator,
  gitlabSignInResolvers,
} from '@backstage/plugin-auth-backend-module-gitlab-provider';
import {
  microsoftAuthenticator,
  microsoftSignInResolvers,
} from '@backstage/plugin-auth-backend-module-microsoft-provider';
import { oidcSignInResolvers } from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  authOwnershipResolutionExtensionPoint,
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
  OAuthAuthenticator,
  OAuthAuthenticatorResult,
  SignInResolverFactory,
} from '@backstage/plugin-auth-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createCatalogUserResolver } from './catalogUserResolver';
import { createOidcAuthenticator } from './oidcAuthenticator';
import { ParentGroupsOwnershipResolver } from '@internal/plugin-access-control-node';

/**
 * An auth module registering a stock provider with Greenroom's resolver as
 * its default. The stock resolvers stay available by name in
 * `auth.providers.<id>.<env>.signIn.resolvers`, which replace Greenroom's.
 */
function createSignInModule<TProfile>(options: {
  providerId: string;
  authenticator: (logger: LoggerService) => OAuthAuthenticator<any, TProfile>;
  resolvers: Record<string, SignInResolverFactory>;
  usernameOf?: (
    result: OAuthAuthenticatorResult<TProfile>,
  ) => string | undefined;
}) {
  const { providerId } = options;
  return createBackendModule({
    pluginId: 'auth',
    moduleId: `greenroom-${providerId}-provider`,
    register(reg) {
      reg.registerInit({
        deps: {
          providers: authProvidersExtensionPoint,
          catalog: catalogServiceRef,
          auth: coreServices.auth,
          logger: coreServices.logger,
        },
        async init({ providers, catalog, auth, logger }) {
          providers.registerProvider({
            providerId,
            factory: createOAuthProviderFactory({
              authenticator: options.authenticator(logger),
              signInResolver: createCatalogUserResolver({
                catalog,
                auth,
                logger,
                refuseDemoUsers: process.env.NODE_ENV === 'production',
                usernameOf: options.usernameOf,
              }),
              signInResolverFactories: options.resolvers,
            }),
          });
        },
      });
    },
  });
}

/** OpenID Connect sign-in (Okta, Entra ID, Keycloak, Google, Auth0…), provider id `oidc`. */
export const authModuleGreenroomOidcProvider = createSignInModule({
  providerId: 'oidc',
  authenticator: createOidcAuthenticator,
  resolvers: { ...oidcSignInResolvers },
});

/** GitHub sign-in, matching the email first and then the GitHub user name. */
export const authModuleGreenroomGithubProvider = createSignInModule({
  providerId: 'github',
  authenticator: () => githubAuthenticator,
  resolvers: { ...githubSignInResolvers },
  usernameOf: result => result.fullProfile.username,
});

/** Microsoft Entra ID sign-in. */
export const authModuleGreenroomMicrosoftProvider = createSignInModule({
  providerId: 'microsoft',
  authenticator: () => microsoftAuthenticator,
  resolvers: { ...microsoftSignInResolvers },
});

/** GitLab sign-in (gitlab.com or the instance AUTH_GITLAB_AUDIENCE names). */
export const authModuleGreenroomGitlabProvider = createSignInModule({
  providerId: 'gitlab',
  authenticator: () => gitlabAuthenticator,
  resolvers: { ...gitlabSignInResolvers },
});

/**
 * Ownership at sign-in includes parent groups (ParentGroupsOwnershipResolver),
 * for every provider, guest included.
 */
export const authModuleGreenroomOwnership = createBackendModule({
  pluginId: 'auth',
  moduleId: 'greenroom-ownership',
  register(reg) {
    reg.registerInit({
      deps: {
        ownership: authOwnershipResolutionExtensionPoint,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
      },
      async init({ ownership, catalog, auth }) {
        ownership.setAuthOwnershipResolver(
          ParentGroupsOwnershipResolver.create({ catalog, auth }),
        );
      },
    });
  },
});
