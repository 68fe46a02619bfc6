import crypto from 'node:crypto';
import { graphql, http, HttpResponse } from 'msw';

/** A repository of the organization, with its catalog-info.yaml when it has one. */
export type FakeRepository = {
  name: string;
  file?: string;
  isArchived?: boolean;
};

/**
 * GitHub as msw answers it for a GitHub App installed on one organization:
 * the App's installations and installation tokens, the GraphQL repositories
 * query of the discovery provider, and file contents, in the shapes of
 * GitHub's REST and GraphQL APIs, refusing requests without the App's JWT or
 * the installation token as GitHub does. `env` configures the App as
 * production's environment does; `asked` and `read` record the variables of
 * the repositories queries and the files read (`<repo>@<ref>`) that carried
 * the installation token.
 */
export function fakeGithubApp(options: {
  org: string;
  repositories: FakeRepository[];
}) {
  const { org, repositories } = options;
  const appId = 123456;
  const installationToken = 'ghs_greenroominstallation';
  const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', {
    modulusLength: 2048,
    // as GitHub hands it out: "BEGIN RSA PRIVATE KEY"
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });

  /** Whether a request carries a JWT of the App, signed with its private key. */
  function signedByApp(request: Request): boolean {
    const jwt = request.headers.get('authorization')?.replace(/^bearer /i, '');
    const [header, payload, signature] = jwt?.split('.') ?? [];
    if (!signature) {
      return false;
    }
    const signed = crypto.verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${payload}`),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    return signed && String(claims.iss) === String(appId);
  }
  const withInstallationToken = (request: Request) =>
    request.headers.get('authorization')?.endsWith(installationToken);
  // GitHub's 401, for REST and GraphQL alike
  const badCredentials = () =>
    new Response(
      JSON.stringify({
        message: 'Bad credentials',
        documentation_url: 'https://docs.github.com/rest',
      }),
      { status: 401, headers: { 'content-type': 'application/json' } },
    );

  const asked: Array<Record<string, unknown>> = [];
  const read: string[] = [];

  const handlers = [
    http.get('https://api.github.com/app/installations', ({ request }) =>
      signedByApp(request)
        ? HttpResponse.json([
            {
              id: 4242,
              app_id: appId,
              account: { login: org, type: 'Organization' },
              target_type: 'Organization',
              repository_selection: 'all',
              suspended_by: null,
              suspended_at: null,
            },
          ])
        : badCredentials(),
    ),
    http.post(
      'https://api.github.com/app/installations/4242/access_tokens',
      ({ request }) =>
        signedByApp(request)
          ? HttpResponse.json(
              {
                token: installationToken,
                expires_at: new Date(Date.now() + 3600_000).toISOString(),
                permissions: { contents: 'read', metadata: 'read' },
                repository_selection: 'all',
              },
              { status: 201 },
            )
          : badCredentials(),
    ),
    graphql
      .link('https://api.github.com/graphql')
      .query('repositories', ({ request, variables }) => {
        if (!withInstallationToken(request)) return badCredentials();
        asked.push(variables);
        return HttpResponse.json({
          data: {
            repositoryOwner: {
              login: org,
              repositories: {
                nodes: repositories.map(repository => ({
                  name: repository.name,
                  catalogInfoFile: repository.file
                    ? {
                        __typename: 'Blob',
                        id: `blob-${repository.name}`,
                        text: repository.file,
                      }
                    : null,
                  url: `https://github.com/${org}/${repository.name}`,
                  isArchived: repository.isArchived ?? false,
                  isFork: false,
                  visibility: 'PRIVATE',
                  repositoryTopics: { nodes: [] },
                  defaultBranchRef: { name: 'main' },
                })),
                pageInfo: { hasNextPage: false, endCursor: 'Y3Vyc29yOjc=' },
              },
            },
          },
        });
      }),
    http.get(
      `https://api.github.com/repos/${org}/:repo/contents/catalog-info.yaml`,
      ({ request, params }) => {
        if (!withInstallationToken(request)) return badCredentials();
        const url = new URL(request.url);
        read.push(`${params.repo}@${url.searchParams.get('ref')}`);
        const file = repositories.find(r => r.name === params.repo)?.file;
        return file
          ? new HttpResponse(file, {
              headers: { 'content-type': 'text/plain' },
            })
          : HttpResponse.json({ message: 'Not Found' }, { status: 404 });
      },
    ),
  ];

  return {
    handlers,
    asked,
    read,
    env: {
      GITHUB_ORG: org,
      GITHUB_APP_ID: String(appId),
      GITHUB_APP_CLIENT_ID: 'Iv1.greenroom',
      GITHUB_APP_CLIENT_SECRET: 'app-client-secret',
      // as a single-line environment variable
      GITHUB_APP_PRIVATE_KEY: privateKey.replace(/\n/g, '\\n'),
    },
  };
}
