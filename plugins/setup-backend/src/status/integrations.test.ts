import { ConfigReader } from '@backstage/config';
import { readIntegrations } from './integrations';

describe('readIntegrations', () => {
  it('lists each host with how the portal authenticates to it', () => {
    expect(
      readIntegrations(
        new ConfigReader({
          integrations: {
            github: [
              { host: 'github.com', apps: [{ appId: 1, privateKey: 'pem' }] },
              { host: 'ghe.acme.test', token: 'ghp_x' },
            ],
            gitlab: [{}],
            bitbucketServer: [
              { host: 'bitbucket.acme.test', username: 'u', password: 'p' },
            ],
          },
        }),
      ),
    ).toEqual([
      { type: 'github', host: 'github.com', auth: 'app' },
      { type: 'github', host: 'ghe.acme.test', auth: 'token' },
      { type: 'gitlab', host: 'gitlab.com', auth: 'none' },
      {
        type: 'bitbucketServer',
        host: 'bitbucket.acme.test',
        auth: 'credentials',
      },
    ]);
  });
});
