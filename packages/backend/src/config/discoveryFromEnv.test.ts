import { discoveryConfigFromEnv } from './discoveryFromEnv';

const env = {
  GITHUB_DISCOVERY: 'true',
  GITHUB_ORG: 'acme',
  GITHUB_TOKEN: 'ghp_x',
};

const provider = (config: any) => config.catalog.providers.github.default;

describe('discoveryConfigFromEnv', () => {
  it('adds nothing unless GITHUB_DISCOVERY is true', () => {
    expect(discoveryConfigFromEnv({})).toEqual({ config: {}, errors: [] });
    expect(
      discoveryConfigFromEnv({ ...env, GITHUB_DISCOVERY: 'false' }),
    ).toEqual({ config: {}, errors: [] });
  });

  it("reads every repository's /catalog-info.yaml on its default branch, hourly, with only the repositories that have one", () => {
    const { config, errors } = discoveryConfigFromEnv(env);
    expect(errors).toEqual([]);
    expect(config).toEqual({
      catalog: {
        providers: {
          github: {
            default: {
              host: 'github.com',
              organization: 'acme',
              catalogPath: '/catalog-info.yaml',
              filters: {},
              validateLocationsExist: true,
              schedule: {
                frequency: { minutes: 60 },
                timeout: { minutes: 30 },
                initialDelay: { seconds: 10 },
              },
            },
          },
        },
      },
    });
  });

  it('takes the branch, the path, the repository filter, the host and the schedule from the environment', () => {
    const { config, errors } = discoveryConfigFromEnv({
      ...env,
      GITHUB_HOST: 'ghe.example.com',
      GITHUB_DISCOVERY_BRANCH: 'main',
      GITHUB_DISCOVERY_PATH: '/services/*/catalog-info.yaml',
      GITHUB_DISCOVERY_REPO_FILTER: 'payments-.*',
      CATALOG_PROVIDERS_SCHEDULE_MINUTES: '5',
    });
    expect(errors).toEqual([]);
    expect(provider(config)).toMatchObject({
      host: 'ghe.example.com',
      catalogPath: '/services/*/catalog-info.yaml',
      filters: { branch: 'main', repository: 'payments-.*' },
      // the provider cannot check that a path with wildcards exists
      validateLocationsExist: false,
      schedule: { frequency: { minutes: 5 } },
    });
    expect((config.catalog as any).rules).toBeUndefined();
  });

  it("lets GITHUB_DISCOVERY_ALLOW_KINDS add a rule for those kinds at the organization's URLs", () => {
    const { config, errors } = discoveryConfigFromEnv({
      ...env,
      GITHUB_DISCOVERY_ALLOW_KINDS: 'template, Group',
    });
    expect(errors).toEqual([]);
    expect((config.catalog as any).rules).toEqual([
      {
        allow: ['Template', 'Group'],
        locations: [{ type: 'url', pattern: 'https://github.com/acme/**' }],
      },
    ]);
  });

  it('names what is missing or wrong', () => {
    expect(discoveryConfigFromEnv({ GITHUB_DISCOVERY: 'yes' }).errors).toEqual([
      `GITHUB_DISCOVERY is "yes": set it to true to read the catalog-info.yaml files of GITHUB_ORG's repositories, or leave it unset`,
    ]);
    expect(discoveryConfigFromEnv({ GITHUB_DISCOVERY: 'true' }).errors).toEqual(
      [
        'GITHUB_ORG is not set: the GitHub organization whose repositories are searched for catalog-info.yaml files, needed because GITHUB_DISCOVERY is true',
        'GITHUB_TOKEN is not set: a token with the repo scope (or a GitHub App with Contents and Metadata read: GITHUB_APP_ID and its partners) to read the repositories, needed because GITHUB_DISCOVERY is true',
      ],
    );
    expect(
      discoveryConfigFromEnv({
        ...env,
        GITHUB_DISCOVERY_BRANCH: 'release/1',
        GITHUB_DISCOVERY_REPO_FILTER: 'payments-(',
        GITHUB_DISCOVERY_ALLOW_KINDS: 'Template,Widget',
      }).errors,
    ).toEqual([
      `GITHUB_DISCOVERY_BRANCH is "release/1": the branch whose catalog-info.yaml is read (each repository's default branch when unset), without "/" (GitHub's provider does not read such branches)`,
      'GITHUB_DISCOVERY_REPO_FILTER is "payments-(", not a regular expression (Invalid regular expression: /payments-(/: Unterminated group): the repository names to read, matched whole',
      `GITHUB_DISCOVERY_ALLOW_KINDS lists "Widget": the kinds, among Template, User, Group, that catalog-info.yaml files in the organization's repositories may also define (software kinds always may)`,
    ]);
    expect(
      discoveryConfigFromEnv({ GITHUB_DISCOVERY_PATH: '/x.yaml' }).errors,
    ).toEqual([
      'GITHUB_DISCOVERY is not true: it turns on the discovery of catalog-info.yaml files, needed because GITHUB_DISCOVERY_PATH is set',
    ]);
  });
});
