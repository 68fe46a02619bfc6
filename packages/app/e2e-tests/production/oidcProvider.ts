import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

/** A person the provider signs in. */
export type OidcAccount = {
  /** What the person types as their login on the provider's sign-in page. */
  id: string;
  email: string;
  name: string;
};

/** The one application the provider signs people in to. */
export type OidcClient = {
  id: string;
  secret: string;
  /** Where the provider sends the browser back to with the code. */
  redirectUri: string;
};

/**
 * Starts a real OpenID Connect provider (the `oidc-provider` package) on a
 * free port with one client and its accounts. Its own development sign-in and
 * consent pages take any password: the test fills them as a person would.
 */
export async function startOidcProvider(options: {
  client: OidcClient;
  accounts: OidcAccount[];
}): Promise<{ issuer: string; metadataUrl: string; stop(): Promise<void> }> {
  const { client } = options;
  const accounts = new Map(options.accounts.map(a => [a.id, a]));
  // Listening first: the issuer, which names the port, makes the provider.
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const issuer = `http://localhost:${port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      profile: ['name'],
    },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) {
        return undefined;
      }
      return {
        accountId: sub,
        async claims() {
          return {
            sub,
            email: account.email,
            email_verified: true,
            name: account.name,
          };
        },
      };
    },
    // Backstage asks for `openid profile email`, without offline_access, and
    // keeps a session across page loads only through a refresh token.
    async issueRefreshToken(_ctx: unknown, oidcClient: any) {
      return oidcClient.grantTypeAllowed('refresh_token');
    },
    cookies: { keys: [crypto.randomBytes(32).toString('base64url')] },
    // an hour for everything: longer than any test run
    ttl: Object.fromEntries(
      [
        'AccessToken',
        'Grant',
        'IdToken',
        'Interaction',
        'RefreshToken',
        'Session',
      ].map(artifact => [artifact, 3600]),
    ),
  });
  server.on('request', provider.callback());
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
