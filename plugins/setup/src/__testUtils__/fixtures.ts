import { ResponseError } from '@backstage/errors';
import { SetupStatus } from '@internal/plugin-setup-common';
import { SetupApi } from '../api';

/** A production portal with GitHub sign-in, LDAP whose bind fails, and GitHub discovery. */
export const status: SetupStatus = {
  signIn: {
    environment: 'production',
    providers: [
      { id: 'github', configured: true, offered: true },
      {
        id: 'oidc',
        configured: false,
        offered: true,
      },
    ],
  },
  integrations: [{ type: 'github', host: 'github.com', auth: 'app' }],
  catalogProviders: [
    {
      type: 'ldapOrg',
      id: 'corp',
      target: 'ldaps://ldap.acme.test',
      taskId: 'LdapOrgEntityProvider:corp:refresh',
      run: {
        status: 'idle',
        lastRunEndedAt: '2026-12-01T16:00:00.000Z',
        nextRunAt: '2026-12-01T17:00:00.000Z',
        lastError: {
          message:
            'LdapOrgEntityProvider:corp refresh failed, InvalidCredentialsError: Invalid Credentials',
          at: '2026-12-01T16:00:00.000Z',
        },
      },
      counts: { users: 0, groups: 0 },
    },
    {
      type: 'github',
      id: 'default',
      target: 'https://github.com/acme: /catalog-info.yaml',
      taskId: 'github-provider:default:refresh',
      run: {
        status: 'running',
        startedAt: '2026-12-01T16:30:00.000Z',
        lastRunEndedAt: '2026-12-01T15:30:00.000Z',
        summary: {
          message: 'Read 40 GitHub repositories (12 matching the pattern)',
        },
      },
      counts: { locations: 12, entities: 31 },
    },
  ],
  missing: [
    {
      area: 'signIn',
      title:
        'The sign-in page offers OpenID Connect, but it has no settings for the production environment',
      choices: [
        {
          title: 'OpenID Connect',
          variables: [
            'AUTH_OIDC_METADATA_URL',
            'AUTH_OIDC_CLIENT_ID',
            'AUTH_OIDC_CLIENT_SECRET',
          ],
        },
      ],
      doc: 'README.md#production',
    },
  ],
};

/** The API answering with the status above. */
export const adminApi = (): jest.Mocked<SetupApi> => ({
  getStatus: jest.fn(async () => status),
});

/** The API refusing, as the backend refuses anyone who is not an admin. */
export const notAdminApi = (): jest.Mocked<SetupApi> => ({
  getStatus: jest.fn(async () => {
    throw await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotAllowedError',
            message:
              'Only Greenroom admins (setup.status.read) see the setup status',
          },
          response: { statusCode: 403 },
        }),
        { status: 403, headers: { 'Content-Type': 'application/json' } },
      ),
    );
  }),
});
