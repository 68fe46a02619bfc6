import { MissingSetting, SetupChoice } from '@internal/plugin-setup-common';

/** Where the production variables are explained. */
export const PRODUCTION_DOC = 'README.md#production';

/**
 * The ways to set up each thing, with the environment variables Greenroom's
 * production config reads for it (packages/backend/src/config); optional
 * variables are left out.
 */
export const CHOICES = {
  oidc: {
    title:
      'OpenID Connect (Okta, Entra ID, Keycloak, Google Workspace, Auth0…)',
    variables: [
      'AUTH_OIDC_METADATA_URL',
      'AUTH_OIDC_CLIENT_ID',
      'AUTH_OIDC_CLIENT_SECRET',
    ],
  },
  github: {
    title: 'GitHub',
    variables: ['AUTH_GITHUB_CLIENT_ID', 'AUTH_GITHUB_CLIENT_SECRET'],
  },
  microsoft: {
    title: 'Microsoft',
    variables: [
      'AUTH_MICROSOFT_CLIENT_ID',
      'AUTH_MICROSOFT_CLIENT_SECRET',
      'AUTH_MICROSOFT_TENANT_ID',
    ],
  },
  gitlab: {
    title: 'GitLab',
    variables: ['AUTH_GITLAB_CLIENT_ID', 'AUTH_GITLAB_CLIENT_SECRET'],
  },
  githubOrg: {
    title: 'A GitHub organization (with a GitHub token or app)',
    variables: ['GITHUB_ORG', 'GITHUB_TOKEN'],
  },
  ldapOrg: {
    title: 'LDAP (Active Directory or OpenLDAP)',
    variables: [
      'LDAP_URL',
      'LDAP_BIND_DN',
      'LDAP_BIND_PASSWORD',
      'LDAP_USERS_BASE_DN',
      'LDAP_GROUPS_BASE_DN',
    ],
  },
  microsoftGraphOrg: {
    title: 'Microsoft Graph (Entra ID)',
    variables: [
      'MSGRAPH_TENANT_ID',
      'MSGRAPH_CLIENT_ID',
      'MSGRAPH_CLIENT_SECRET',
    ],
  },
  discovery: {
    title: "GitHub discovery of the organization's catalog-info.yaml files",
    variables: ['GITHUB_DISCOVERY', 'GITHUB_ORG'],
  },
  githubToken: { title: 'A GitHub token', variables: ['GITHUB_TOKEN'] },
  githubApp: {
    title: 'A GitHub App',
    variables: [
      'GITHUB_APP_ID',
      'GITHUB_APP_CLIENT_ID',
      'GITHUB_APP_CLIENT_SECRET',
      'GITHUB_APP_PRIVATE_KEY',
    ],
  },
} satisfies Record<string, SetupChoice>;

/** A missing setting, documented in the README's production section. */
export function missing(
  area: MissingSetting['area'],
  title: string,
  choices: SetupChoice[],
): MissingSetting {
  return { area, title, choices, doc: PRODUCTION_DOC };
}
