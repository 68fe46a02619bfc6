import { createHash } from 'node:crypto';
import { JsonObject } from '@backstage/config';
import { EnvConfigPart } from './types';
import { listNames, readVar, readVarGroup } from './vars';

/** The sign-in providers the environment can turn on, in the order the sign-in page shows them. */
export const signInProviderIds = ['oidc', 'github', 'microsoft', 'gitlab'];

const oidcVars = {
  AUTH_OIDC_METADATA_URL:
    "the OIDC issuer's discovery document, e.g. https://login.example.com/.well-known/openid-configuration",
  AUTH_OIDC_CLIENT_ID: 'the client ID of the OIDC application',
  AUTH_OIDC_CLIENT_SECRET: 'the client secret of the OIDC application',
};
const githubVars = {
  AUTH_GITHUB_CLIENT_ID: 'the client ID of the GitHub OAuth app for sign-in',
  AUTH_GITHUB_CLIENT_SECRET:
    'the client secret of the GitHub OAuth app for sign-in',
};
const microsoftVars = {
  AUTH_MICROSOFT_CLIENT_ID:
    'the application (client) ID of the Microsoft Entra ID app registration for sign-in',
  AUTH_MICROSOFT_CLIENT_SECRET:
    'a client secret of that Microsoft Entra ID app registration',
  AUTH_MICROSOFT_TENANT_ID:
    'the directory (tenant) ID of your Microsoft Entra ID',
};
const gitlabVars = {
  AUTH_GITLAB_CLIENT_ID:
    'the application ID of the GitLab application for sign-in',
  AUTH_GITLAB_CLIENT_SECRET: 'the secret of that GitLab application',
};

/** Scopes the OIDC module always asks for; AUTH_OIDC_SCOPE adds to them. */
const oidcRequiredScopes = ['openid', 'profile', 'email'];

function noProviderError(): string {
  const options = [
    [oidcVars, 'OpenID Connect: Okta, Entra ID, Keycloak, Google, Auth0…'],
    [githubVars, 'GitHub'],
    [microsoftVars, 'Microsoft Entra ID'],
    [gitlabVars, 'GitLab'],
  ] as const;
  return `No sign-in provider is configured: set ${options
    .map(([vars, label]) => `${listNames(Object.keys(vars))} (${label})`)
    .join(', or ')}`;
}

/**
 * The sign-in providers (`auth.providers.<id>.production`) whose variables
 * are set, in any combination, and `greenroom.signIn` for the sign-in page.
 * Each provider's partner variables are named when one of them is missing,
 * and production without any provider is an error.
 */
export function signInConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const errors: string[] = [];
  const providers: Record<string, JsonObject> = {};

  const oidc = readVarGroup(env, oidcVars);
  errors.push(...oidc.errors);
  if (oidc.values) {
    const scopes = (readVar(env, 'AUTH_OIDC_SCOPE') ?? '')
      .split(/[\s,]+/)
      .filter(scope => scope && !oidcRequiredScopes.includes(scope));
    providers.oidc = {
      metadataUrl: oidc.values.AUTH_OIDC_METADATA_URL,
      clientId: oidc.values.AUTH_OIDC_CLIENT_ID,
      clientSecret: oidc.values.AUTH_OIDC_CLIENT_SECRET,
      // The module's default, "none", fails for anyone not yet signed in at the issuer.
      prompt: readVar(env, 'AUTH_OIDC_PROMPT') ?? 'auto',
      ...(scopes.length > 0 && { additionalScopes: scopes }),
    };
  }

  const github = readVarGroup(env, githubVars);
  errors.push(...github.errors);
  if (github.values) {
    const host = readVar(env, 'GITHUB_HOST');
    providers.github = {
      clientId: github.values.AUTH_GITHUB_CLIENT_ID,
      clientSecret: github.values.AUTH_GITHUB_CLIENT_SECRET,
      ...(host &&
        host !== 'github.com' && { enterpriseInstanceUrl: `https://${host}` }),
    };
  }

  const microsoft = readVarGroup(env, microsoftVars);
  errors.push(...microsoft.errors);
  if (microsoft.values) {
    providers.microsoft = {
      clientId: microsoft.values.AUTH_MICROSOFT_CLIENT_ID,
      clientSecret: microsoft.values.AUTH_MICROSOFT_CLIENT_SECRET,
      tenantId: microsoft.values.AUTH_MICROSOFT_TENANT_ID,
    };
  }

  const gitlab = readVarGroup(env, gitlabVars);
  errors.push(...gitlab.errors);
  if (gitlab.values) {
    const audience = readVar(env, 'AUTH_GITLAB_AUDIENCE');
    providers.gitlab = {
      clientId: gitlab.values.AUTH_GITLAB_CLIENT_ID,
      clientSecret: gitlab.values.AUTH_GITLAB_CLIENT_SECRET,
      ...(audience && { audience: audience.replace(/\/+$/, '') }),
    };
  }

  const configured = signInProviderIds.filter(id => providers[id]);
  if (configured.length === 0 && errors.length === 0) {
    errors.push(noProviderError());
  }

  return {
    config: {
      auth: {
        // The OIDC module keeps its login state in a session, whose cookie
        // is signed with a key derived from BACKEND_SECRET.
        ...(providers.oidc &&
          readVar(env, 'BACKEND_SECRET') && {
            session: {
              secret: createHash('sha256')
                .update(
                  `greenroom auth session\0${readVar(env, 'BACKEND_SECRET')}`,
                )
                .digest('base64url'),
            },
          }),
        providers: Object.fromEntries(
          configured.map(id => [id, { production: providers[id] }]),
        ),
      },
      greenroom: {
        signIn: {
          providers: configured,
          ...(providers.oidc && {
            oidc: {
              title: readVar(env, 'AUTH_OIDC_TITLE') ?? 'Single sign-on',
            },
          }),
        },
      },
    },
    errors,
  };
}
