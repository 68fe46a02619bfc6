import { ConfigReader } from '@backstage/config';
import { missingSignIn, readSignIn } from './signIn';

describe('readSignIn', () => {
  it("reads the current environment's providers, where they sign in, and nothing else", () => {
    const signIn = readSignIn(
      new ConfigReader({
        auth: {
          environment: 'production',
          providers: {
            oidc: {
              production: {
                metadataUrl:
                  'https://idp.acme.test/.well-known/openid-configuration',
                clientId: 'portal',
                clientSecret: 'oidc-secret',
              },
            },
            // settings for another environment only
            gitlab: { development: { clientId: 'dev' } },
          },
        },
        greenroom: { signIn: { providers: ['oidc'] } },
      }),
    );

    expect(signIn).toEqual({
      environment: 'production',
      providers: [
        { id: 'gitlab', configured: false, offered: false },
        {
          id: 'oidc',
          configured: true,
          offered: true,
          target: 'https://idp.acme.test/.well-known/openid-configuration',
        },
      ],
    });
    expect(missingSignIn(signIn)).toEqual([]);
  });

  it('counts guest sign-in as no sign-in provider, and names every alternative', () => {
    const signIn = readSignIn(
      new ConfigReader({
        auth: { providers: { guest: { userEntityRef: 'user:default/guest' } } },
      }),
    );

    expect(signIn.providers).toEqual([
      { id: 'guest', configured: true, offered: false },
    ]);
    const [missing] = missingSignIn(signIn);
    expect(missing.title).toBe(
      'No sign-in provider for the development environment',
    );
    expect(missing.choices.map(c => c.variables[0])).toEqual([
      'AUTH_OIDC_METADATA_URL',
      'AUTH_GITHUB_CLIENT_ID',
      'AUTH_MICROSOFT_CLIENT_ID',
      'AUTH_GITLAB_CLIENT_ID',
    ]);
  });
});
