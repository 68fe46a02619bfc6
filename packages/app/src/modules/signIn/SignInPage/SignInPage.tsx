import { useMemo, useState } from 'react';
import Typography from '@material-ui/core/Typography';
import { ApiProvider } from '@backstage/core-app-api';
import {
  ApiHolder,
  ApiRef,
  configApiRef,
  ErrorApi,
  errorApiRef,
  githubAuthApiRef,
  gitlabAuthApiRef,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import {
  SignInPage,
  SignInProviderConfig,
  WarningPanel,
} from '@backstage/core-components';
import { oidcAuthApiRef, oidcTitle } from '../oidcAuthApi';

type Provider = 'guest' | SignInProviderConfig;

function knownProviders(oidc: string): Record<string, Provider> {
  return {
    guest: 'guest',
    oidc: {
      id: 'oidc-auth-provider',
      title: oidc,
      message: `Sign in with your company account (${oidc})`,
      apiRef: oidcAuthApiRef,
    },
    github: {
      id: 'github-auth-provider',
      title: 'GitHub',
      message: 'Sign in using GitHub',
      apiRef: githubAuthApiRef,
    },
    microsoft: {
      id: 'microsoft-auth-provider',
      title: 'Microsoft',
      message: 'Sign in using Microsoft',
      apiRef: microsoftAuthApiRef,
    },
    gitlab: {
      id: 'gitlab-auth-provider',
      title: 'GitLab',
      message: 'Sign in using GitLab',
      apiRef: gitlabAuthApiRef,
    },
  };
}

/** What a failed sign-in says, in the backend's words: the cause of "Login failed". */
function reasonOf(error: Error): string | undefined {
  const cause = (error as Error & { cause?: Error }).cause ?? error;
  return cause.name === 'PopupRejectedError' ? undefined : cause.message;
}

/**
 * The sign-in page offers the providers named in greenroom.signIn.providers:
 * guest in development, those the environment configures in production. A
 * refused sign-in (no user in the catalog, two users with the email, a demo
 * user) is shown in the page, in the backend's words.
 */
export const GreenroomSignInPage = (props: SignInPageProps) => {
  const configApi = useApi(configApiRef);
  const parentErrorApi = useApi(errorApiRef);
  const [failure, setFailure] = useState<string>();

  const names = configApi.getOptionalStringArray(
    'greenroom.signIn.providers',
  ) ?? ['guest'];
  const known = knownProviders(oidcTitle(configApi));
  const providers = names.map(name => {
    const provider = known[name];
    if (!provider) {
      throw new Error(
        `Unknown sign-in provider '${name}' in greenroom.signIn.providers; use one of ${Object.keys(
          known,
        ).join(', ')}`,
      );
    }
    return provider;
  });

  // The stock providers post a failed sign-in to the error API (a toast that
  // goes away); on this page it is kept and shown.
  const apis = useMemo<ApiHolder>(() => {
    const errorApi: ErrorApi = {
      post: error => setFailure(reasonOf(error)),
      error$: () => parentErrorApi.error$(),
    };
    return {
      get: <T,>(ref: ApiRef<T>) =>
        ref.id === errorApiRef.id ? (errorApi as T) : undefined,
    };
  }, [parentErrorApi]);

  return (
    <ApiProvider apis={apis}>
      <SignInPage
        {...props}
        title="Welcome to Greenroom"
        titleComponent={
          <>
            <Typography variant="h4" component="h2">
              Welcome to Greenroom
            </Typography>
            {failure && (
              <WarningPanel
                severity="error"
                title="You are not signed in"
                message={failure}
                defaultExpanded
              />
            )}
          </>
        }
        providers={providers}
      />
    </ApiProvider>
  );
};
