import { describeProductionConfigErrors, productionConfigFromEnv } from '.';

const required = {
  GREENROOM_BASE_URL: 'https://greenroom.example.com/',
  BACKEND_SECRET: 'a-long-random-secret',
  POSTGRES_HOST: 'db.internal',
  POSTGRES_PORT: '5432',
  POSTGRES_USER: 'greenroom',
  POSTGRES_PASSWORD: 'pw',
};
const oidc = {
  AUTH_OIDC_METADATA_URL:
    'https://login.example.com/.well-known/openid-configuration',
  AUTH_OIDC_CLIENT_ID: 'oidc-id',
  AUTH_OIDC_CLIENT_SECRET: 'oidc-secret',
};
const github = {
  AUTH_GITHUB_CLIENT_ID: 'gh-id',
  AUTH_GITHUB_CLIENT_SECRET: 'gh-secret',
};
const microsoft = {
  AUTH_MICROSOFT_CLIENT_ID: 'ms-id',
  AUTH_MICROSOFT_CLIENT_SECRET: 'ms-secret',
  AUTH_MICROSOFT_TENANT_ID: 'tenant',
};
const gitlab = {
  AUTH_GITLAB_CLIENT_ID: 'gl-id',
  AUTH_GITLAB_CLIENT_SECRET: 'gl-secret',
};

function without<T extends Record<string, string>>(vars: T, name: keyof T) {
  const { [name]: _, ...rest } = vars;
  return rest;
}

describe('productionConfigFromEnv', () => {
  it('turns the required variables into the URL, the backend secret and the database', () => {
    const { config, errors } = productionConfigFromEnv({
      ...required,
      ...oidc,
    });
    expect(errors).toEqual([]);
    expect(config.app).toEqual({ baseUrl: 'https://greenroom.example.com' });
    expect(config.backend).toEqual({
      baseUrl: 'https://greenroom.example.com',
      cors: { origin: 'https://greenroom.example.com' },
      auth: { keys: [{ secret: 'a-long-random-secret' }] },
      database: {
        client: 'pg',
        connection: {
          host: 'db.internal',
          port: 5432,
          user: 'greenroom',
          password: 'pw',
        },
      },
    });
  });

  it.each(Object.keys(required))(
    'names %s and what it is for when it is missing',
    name => {
      const { errors } = productionConfigFromEnv({
        ...without(required, name as keyof typeof required),
        ...oidc,
      });
      expect(errors).toEqual([
        expect.stringMatching(new RegExp(`^${name} is not set: \\w+`)),
      ]);
    },
  );

  it('lists every problem at once, in one start-up message', () => {
    const { errors } = productionConfigFromEnv({});
    expect(errors).toHaveLength(7);
    expect(errors[6]).toMatch(
      /^No sign-in provider is configured: set AUTH_OIDC_METADATA_URL, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET \(OpenID Connect.*\), or AUTH_GITHUB_CLIENT_ID and AUTH_GITHUB_CLIENT_SECRET \(GitHub\), or AUTH_MICROSOFT_CLIENT_ID, AUTH_MICROSOFT_CLIENT_SECRET and AUTH_MICROSOFT_TENANT_ID \(Microsoft Entra ID\), or AUTH_GITLAB_CLIENT_ID and AUTH_GITLAB_CLIENT_SECRET \(GitLab\)$/,
    );
    const message = describeProductionConfigErrors(errors);
    expect(message.split('\n')[0]).toBe(
      'Greenroom cannot start in production:',
    );
    expect(message).toContain('\n  - GREENROOM_BASE_URL is not set: the URL');
  });

  it('refuses a base URL that is not a URL, and a port that is not a number', () => {
    const { errors } = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_BASE_URL: 'greenroom.example.com',
      POSTGRES_PORT: 'five',
    });
    expect(errors).toEqual([
      expect.stringMatching(
        /^GREENROOM_BASE_URL is "greenroom.example.com", not an http\(s\) URL/,
      ),
      expect.stringMatching(/^POSTGRES_PORT is "five", not a port number/),
    ]);
  });

  it.each([
    ['oidc', oidc],
    ['github', github],
    ['microsoft', microsoft],
    ['gitlab', gitlab],
  ])('configures %s sign-in alone', (id, vars) => {
    const { config, errors } = productionConfigFromEnv({
      ...required,
      ...vars,
    });
    expect(errors).toEqual([]);
    expect(Object.keys((config.auth as any).providers)).toEqual([id]);
    expect((config.greenroom as any).signIn.providers).toEqual([id]);
  });

  it('writes each provider the way its module reads it', () => {
    const { config } = productionConfigFromEnv({
      ...required,
      ...oidc,
      ...github,
      ...microsoft,
      ...gitlab,
      AUTH_OIDC_SCOPE: 'openid profile email groups offline_access',
      AUTH_GITLAB_AUDIENCE: 'https://gitlab.example.com/',
      GITHUB_HOST: 'github.example.com',
    });
    expect((config.auth as any).providers).toEqual({
      oidc: {
        production: {
          metadataUrl: oidc.AUTH_OIDC_METADATA_URL,
          clientId: 'oidc-id',
          clientSecret: 'oidc-secret',
          prompt: 'auto',
          additionalScopes: ['groups', 'offline_access'],
        },
      },
      github: {
        production: {
          clientId: 'gh-id',
          clientSecret: 'gh-secret',
          enterpriseInstanceUrl: 'https://github.example.com',
        },
      },
      microsoft: {
        production: {
          clientId: 'ms-id',
          clientSecret: 'ms-secret',
          tenantId: 'tenant',
        },
      },
      gitlab: {
        production: {
          clientId: 'gl-id',
          clientSecret: 'gl-secret',
          audience: 'https://gitlab.example.com',
        },
      },
    });
  });

  it('gives OIDC, which keeps its login state in a session, a session secret derived from BACKEND_SECRET', () => {
    const withOidc = productionConfigFromEnv({ ...required, ...oidc });
    const secret = (withOidc.config.auth as any).session.secret;
    expect(secret).toMatch(/^[\w-]{43}$/);
    expect(secret).not.toContain(required.BACKEND_SECRET);
    expect(
      (productionConfigFromEnv({ ...required, ...github }).config.auth as any)
        .session,
    ).toBeUndefined();
  });

  it('offers every configured provider on the sign-in page, in a fixed order', () => {
    const { config } = productionConfigFromEnv({
      ...required,
      ...gitlab,
      ...github,
      ...oidc,
      AUTH_OIDC_TITLE: 'Northwind SSO',
    });
    expect((config.greenroom as any).signIn).toEqual({
      providers: ['oidc', 'github', 'gitlab'],
      oidc: { title: 'Northwind SSO' },
    });
  });

  it('titles the OIDC button "Single sign-on" and asks the issuer for a prompt only when told', () => {
    const { config } = productionConfigFromEnv({ ...required, ...oidc });
    expect((config.greenroom as any).signIn.oidc.title).toBe('Single sign-on');
    expect((config.auth as any).providers.oidc.production.prompt).toBe('auto');
    expect(
      (config.auth as any).providers.oidc.production.additionalScopes,
    ).toBeUndefined();
    const withPrompt = productionConfigFromEnv({
      ...required,
      ...oidc,
      AUTH_OIDC_PROMPT: 'login',
    });
    expect(
      (withPrompt.config.auth as any).providers.oidc.production.prompt,
    ).toBe('login');
  });

  it.each([
    ...Object.keys(oidc).map(name => [name, oidc] as const),
    ...Object.keys(github).map(name => [name, github] as const),
    ...Object.keys(microsoft).map(name => [name, microsoft] as const),
    ...Object.keys(gitlab).map(name => [name, gitlab] as const),
  ])('names %s when its partner variables are set', (name, vars) => {
    const partial = without(vars as Record<string, string>, name);
    const { errors } = productionConfigFromEnv({ ...required, ...partial });
    const setNames = Object.keys(partial);
    const because =
      setNames.length === 1
        ? `${setNames[0]} is set`
        : `${setNames.slice(0, -1).join(', ')} and ${setNames.at(-1)} are set`;
    expect(errors).toEqual([
      expect.stringMatching(
        new RegExp(`^${name} is not set: .+, needed because ${because}$`),
      ),
    ]);
  });

  it('says why the OIDC client secret is needed', () => {
    const { errors } = productionConfigFromEnv({
      ...required,
      AUTH_OIDC_METADATA_URL: oidc.AUTH_OIDC_METADATA_URL,
    });
    expect(errors).toEqual([
      'AUTH_OIDC_CLIENT_ID is not set: the client ID of the OIDC application, needed because AUTH_OIDC_METADATA_URL is set',
      'AUTH_OIDC_CLIENT_SECRET is not set: the client secret of the OIDC application, needed because AUTH_OIDC_METADATA_URL is set',
    ]);
  });

  it('keeps the demo company out of production unless GREENROOM_DEMO=true', () => {
    const off = productionConfigFromEnv({ ...required, ...oidc });
    expect((off.config.catalog as any).locations).toEqual([
      { type: 'file', target: './templates/catalog-info.yaml' },
    ]);
    const on = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_DEMO: 'true',
    });
    expect((on.config.catalog as any).locations).toEqual([
      { type: 'file', target: './templates/catalog-info.yaml' },
      { type: 'file', target: './demo/catalog.yaml' },
    ]);
    const no = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_DEMO: 'false',
    });
    expect((no.config.catalog as any).locations).toEqual([
      { type: 'file', target: './templates/catalog-info.yaml' },
    ]);
    const typo = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_DEMO: 'yes',
    });
    expect(typo.errors).toEqual([
      expect.stringMatching(/^GREENROOM_DEMO is "yes": set it to true/),
    ]);
  });

  it('reads the admins and platform engineers from GREENROOM_ADMINS and GREENROOM_PLATFORM_ENGINEERS', () => {
    const { config } = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_ADMINS: 'user:default/ada, group:default/platform,',
      GREENROOM_PLATFORM_ENGINEERS: 'group:default/sre',
    });
    expect((config.greenroom as any).accessControl).toEqual({
      policyFile: './access-control/policy.yaml',
      members: {
        admin: ['user:default/ada', 'group:default/platform'],
        'platform-engineer': ['group:default/sre'],
      },
    });
    // merged with the sign-in part's greenroom.signIn
    expect((config.greenroom as any).signIn.providers).toEqual(['oidc']);
  });

  it('shares the cache in Redis when GREENROOM_REDIS_URL is set, and says what is wrong with a URL that is not Redis', () => {
    const { config, errors } = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_REDIS_URL: 'redis://:s3cret@redis.internal:6379/2',
    });
    expect(errors).toEqual([]);
    expect((config.backend as any).cache).toEqual({
      store: 'redis',
      connection: 'redis://:s3cret@redis.internal:6379/2',
      redis: { client: { namespace: 'greenroom' } },
    });
    expect(
      productionConfigFromEnv({ ...required, ...oidc }).config.backend,
    ).not.toHaveProperty('cache');
    expect(
      productionConfigFromEnv({
        ...required,
        ...oidc,
        GREENROOM_REDIS_URL: 'redis.internal:6379',
      }).errors,
    ).toEqual([
      'GREENROOM_REDIS_URL is not a redis:// or rediss:// URL (e.g. redis://:password@redis:6379): it names the Redis the replicas share their cache in',
    ]);
  });

  it('gives CI a static token that may only read the catalog and check and refresh entities', () => {
    const token = 'c2VjcmV0LWZvci1jaS1vbmx5LTEyMzQ1Njc4';
    const { config, errors } = productionConfigFromEnv({
      ...required,
      ...oidc,
      GREENROOM_CI_TOKEN: token,
    });
    expect(errors).toEqual([]);
    expect((config.backend as any).auth).toEqual({
      keys: [{ secret: expect.any(String) }],
      externalAccess: [
        {
          type: 'static',
          options: { token, subject: 'ci' },
          accessRestrictions: [
            {
              plugin: 'catalog',
              permission: [
                'catalog.entity.read',
                'catalog.entity.validate',
                'catalog.entity.refresh',
                'catalog.location.read',
              ],
            },
          ],
        },
      ],
    });
    expect(
      productionConfigFromEnv({ ...required, ...oidc }).config.backend,
    ).not.toHaveProperty('auth.externalAccess');
  });

  it.each(['too-short', 'has a space in the middle of it, and long'])(
    'refuses a CI token that is easy to guess or mistyped (%s)',
    token => {
      const { config, errors } = productionConfigFromEnv({
        ...required,
        ...oidc,
        GREENROOM_CI_TOKEN: token,
      });
      expect(errors).toEqual([
        'GREENROOM_CI_TOKEN must be at least 24 characters with no spaces (e.g. from: openssl rand -base64 32)',
      ]);
      expect(config.backend).not.toHaveProperty('auth.externalAccess');
    },
  );

  it('gives no one a role in production when the variables are unset, whatever development names', () => {
    const { config } = productionConfigFromEnv({ ...required, ...oidc });
    expect((config.greenroom as any).accessControl.members).toEqual({
      admin: [],
      'platform-engineer': [],
    });
  });
});
