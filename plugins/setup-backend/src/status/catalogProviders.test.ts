import { ConfigReader } from '@backstage/config';
import { readCatalogProviders } from './catalogProviders';

const read = (providers: object) =>
  readCatalogProviders(new ConfigReader({ catalog: { providers } }));

describe('readCatalogProviders', () => {
  it("names each provider's scheduled task as the first-party modules do", () => {
    const providers = read({
      githubOrg: [
        { id: 'prod', githubUrl: 'https://github.com', orgs: ['acme'] },
      ],
      ldapOrg: { corp: { target: 'ldaps://ldap.acme.test' } },
      microsoftGraphOrg: { tenantId: 'tenant-1', clientId: 'client-1' },
      github: { acme: { organization: 'acme' } },
    });

    expect(providers.map(p => [p.type, p.id, p.taskId])).toEqual([
      ['githubOrg', 'prod', 'GithubMultiOrgEntityProvider:prod:refresh'],
      ['ldapOrg', 'corp', 'LdapOrgEntityProvider:corp:refresh'],
      [
        'microsoftGraphOrg',
        'default',
        'MicrosoftGraphOrgEntityProvider:default:refresh',
      ],
      ['github', 'acme', 'github-provider:acme:refresh'],
    ]);
  });

  it('says what each reads, without the user name and password of an LDAP URL', () => {
    const providers = read({
      ldapOrg: { corp: { target: 'ldap://reader:hunter22@ldap.acme.test' } },
      github: {
        organization: 'acme',
        catalogPath: '/services/*/catalog-info.yaml',
        filters: { branch: 'main' },
      },
    });

    expect(providers.map(p => p.target)).toEqual([
      'ldap://ldap.acme.test',
      'https://github.com/acme: /services/*/catalog-info.yaml on main',
    ]);
  });

  it("recognises a GitHub org provider's users and its organizations' teams only", () => {
    const [provider] = read({
      githubOrg: {
        id: 'prod',
        githubUrl: 'https://github.com/',
        orgs: ['acme'],
      },
    });
    if (provider.match.kind !== 'org') throw new Error('not an org provider');
    const { users, groups } = provider.match;

    expect(users.test('url:https://github.com/octocat')).toBe(true);
    expect(
      users.test(
        'url:https://github.com/acme/repo/blob/main/catalog-info.yaml',
      ),
    ).toBe(false);
    expect(groups.test('url:https://github.com/orgs/acme/teams/payments')).toBe(
      true,
    );
    expect(
      groups.test('url:https://github.com/orgs/other/teams/payments'),
    ).toBe(false);
  });

  it('reads nothing when no provider is configured', () => {
    expect(readCatalogProviders(new ConfigReader({}))).toEqual([]);
  });
});
