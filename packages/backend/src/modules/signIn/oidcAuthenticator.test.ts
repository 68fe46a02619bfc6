import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createOidcAuthenticator, OidcIssuer } from './oidcAuthenticator';

const callbackUrl = 'https://greenroom.example.com/api/auth/oidc/handler/frame';

/** An issuer answering its discovery document with `status()` (200: a valid one). */
async function startIssuer(
  status: () => number,
): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.writeHead(status(), { 'content-type': 'application/json' });
    res.end(
      status() === 200
        ? JSON.stringify({
            issuer: base,
            authorization_endpoint: `${base}/auth`,
            token_endpoint: `${base}/token`,
            userinfo_endpoint: `${base}/me`,
            jwks_uri: `${base}/jwks`,
          })
        : '{}',
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}/.well-known/openid-configuration`,
  };
}

async function closedPortUrl() {
  const { server, url } = await startIssuer(() => 200);
  await new Promise(resolve => server.close(resolve));
  return url;
}

function discover(metadataUrl: string) {
  const logger = mockServices.logger.mock();
  const issuer = OidcIssuer.discover({
    callbackUrl,
    logger,
    config: new ConfigReader({
      metadataUrl,
      clientId: 'greenroom',
      clientSecret: 'secret',
    }),
  });
  return { issuer, logger };
}

describe('OidcIssuer', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(
      servers.splice(0).map(s => new Promise(resolve => s.close(resolve))),
    );
  });

  it('names an unreachable issuer, at start-up in the log and on sign-in', async () => {
    const url = await closedPortUrl();
    const { issuer, logger } = discover(url);
    const expected = `Sign-in through OpenID Connect is unavailable: the issuer ${url} (AUTH_OIDC_METADATA_URL) could not be reached`;
    await expect(issuer.ready()).rejects.toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringContaining(expected),
    });
    expect(logger.error).toHaveBeenCalledTimes(1);
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining(expected),
    );
  });

  it('names an issuer that answers without a discovery document', async () => {
    const { server, url } = await startIssuer(() => 404);
    servers.push(server);
    const { issuer } = discover(url);
    await expect(issuer.ready()).rejects.toThrow(
      new RegExp(
        `the issuer ${url} .*did not answer with an OpenID Connect discovery document: .*404`,
      ),
    );
  });

  it('asks the issuer again on a later sign-in once it answers', async () => {
    let status = 503;
    const { server, url } = await startIssuer(() => status);
    servers.push(server);
    const { issuer } = discover(url);
    await expect(issuer.ready()).rejects.toThrow(/503/);

    status = 200;
    // Within 10 s the failure is reported again without asking the issuer.
    await expect(issuer.ready()).rejects.toThrow(/503/);
    jest.spyOn(Date, 'now').mockReturnValue(Date.now() + 11_000);
    await expect(issuer.ready()).resolves.toMatchObject({
      initializedPrompt: undefined,
    });
  });

  it('sends a sign-in started while the issuer is down back to the frame handler', async () => {
    const url = await closedPortUrl();
    const { issuer } = discover(url);
    await issuer.ready().catch(() => {});
    const authenticator = createOidcAuthenticator(mockServices.logger.mock());
    const { url: redirect } = await authenticator.start(
      { req: {} as any, scope: 'openid', state: 'the-state' },
      issuer,
    );
    const target = new URL(redirect);
    expect(`${target.origin}${target.pathname}`).toBe(callbackUrl);
    expect(target.searchParams.get('state')).toBe('the-state');
    expect(target.searchParams.get('error')).toBe('temporarily_unavailable');
    await expect(
      authenticator.authenticate({ req: {} as any }, issuer),
    ).rejects.toThrow(/the issuer .* could not be reached/);
  });
});
