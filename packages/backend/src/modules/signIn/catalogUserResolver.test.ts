import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createCatalogUserResolver,
  DEMO_ANNOTATION,
} from './catalogUserResolver';

function user(
  name: string,
  email?: string,
  annotations?: Record<string, string>,
  namespace = 'default',
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace, annotations },
    spec: { profile: email ? { email } : {}, memberOf: [] },
  };
}

type GithubResult = { fullProfile: { username?: string } };

function signIn(options: {
  users: Entity[];
  email?: string;
  username?: string;
  refuseDemoUsers?: boolean;
}) {
  const logger = mockServices.logger.mock();
  const resolve = createCatalogUserResolver<GithubResult>({
    catalog: catalogServiceMock({ entities: options.users }),
    auth: mockServices.auth(),
    logger,
    refuseDemoUsers: options.refuseDemoUsers ?? true,
    usernameOf: result => result.fullProfile.username,
  });
  const ctx = {
    resolveOwnershipEntityRefs: jest.fn(async (entity: Entity) => ({
      ownershipEntityRefs: [
        `user:default/${entity.metadata.name}`,
        'group:default/team',
      ],
    })),
    issueToken: jest.fn(async ({ claims }) => ({
      token: `token for ${claims.sub}`,
    })),
  } as unknown as AuthResolverContext;
  const result = resolve(
    {
      profile: { email: options.email },
      result: { fullProfile: { username: options.username } },
    },
    ctx,
  );
  return { result, ctx, logger };
}

describe('createCatalogUserResolver', () => {
  it('signs in the one user with the verified email, with their ownership', async () => {
    const { result, ctx } = signIn({
      users: [
        user('ada', 'ada@example.com'),
        user('grace', 'grace@example.com'),
      ],
      email: 'Ada@Example.com',
    });
    await expect(result).resolves.toEqual({
      token: 'token for user:default/ada',
    });
    expect(ctx.issueToken).toHaveBeenCalledWith({
      claims: {
        sub: 'user:default/ada',
        ent: ['user:default/ada', 'group:default/team'],
      },
    });
  });

  it('refuses a person no user has the email of, saying what an admin does', async () => {
    const { result, ctx } = signIn({
      users: [user('ada', 'ada@example.com')],
      email: 'x@y.com',
    });
    await expect(result).rejects.toMatchObject({
      name: 'NotFoundError',
      message:
        "No user in the catalog has the email x@y.com. Ask a Greenroom admin to add you to the organization's user directory (LDAP, the GitHub organization, Microsoft Entra ID) or to a users file; until then you cannot sign in.",
    });
    expect(ctx.issueToken).not.toHaveBeenCalled();
  });

  it('refuses an email two users have, naming the count and picking neither', async () => {
    const { result, ctx, logger } = signIn({
      users: [
        user('ada', 'ada@example.com'),
        user('ada-admin', 'ada@example.com', undefined, 'admins'),
        user('grace', 'grace@example.com'),
      ],
      email: 'ada@example.com',
    });
    await expect(result).rejects.toMatchObject({
      name: 'ConflictError',
      message: expect.stringMatching(
        /^2 users in the catalog have the email ada@example.com, so Greenroom cannot tell which one you are/,
      ),
    });
    expect(ctx.issueToken).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('user:default/ada, user:admins/ada-admin'),
    );
  });

  it('refuses a demo user in production', async () => {
    const { result, ctx } = signIn({
      users: [
        user('guest', 'guest@northwind.example', { [DEMO_ANNOTATION]: 'true' }),
      ],
      username: 'guest',
    });
    await expect(result).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /^The only user with the name guest is user:default\/guest, a user of the demo company, and demo users cannot sign in to production\. Ask a Greenroom admin/,
      ),
    });
    expect(ctx.issueToken).not.toHaveBeenCalled();
  });

  it('signs in a demo user in development', async () => {
    const { result } = signIn({
      users: [
        user('guest', 'guest@northwind.example', { [DEMO_ANNOTATION]: 'true' }),
      ],
      email: 'guest@northwind.example',
      refuseDemoUsers: false,
    });
    await expect(result).resolves.toEqual({
      token: 'token for user:default/guest',
    });
  });

  it('matches the GitHub user name when no user has the email', async () => {
    const { result } = signIn({
      users: [user('octocat'), user('ada', 'ada@example.com')],
      email: 'octo@example.com',
      username: 'octocat',
    });
    await expect(result).resolves.toEqual({
      token: 'token for user:default/octocat',
    });
  });

  it('matches the email before the user name', async () => {
    const { result } = signIn({
      users: [user('octocat'), user('ada', 'ada@example.com')],
      email: 'ada@example.com',
      username: 'octocat',
    });
    await expect(result).resolves.toEqual({
      token: 'token for user:default/ada',
    });
  });

  it('names both the email and the user name when neither matches', async () => {
    const { result } = signIn({
      users: [user('ada', 'ada@example.com')],
      email: 'octo@example.com',
      username: 'octocat',
    });
    await expect(result).rejects.toThrow(
      /^No user in the catalog has the email octo@example.com or the name octocat\./,
    );
  });

  it('refuses a sign-in without a verified email or a user name', async () => {
    const { result } = signIn({ users: [user('ada', 'ada@example.com')] });
    await expect(result).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /did not give Greenroom a verified email address/,
      ),
    });
  });
});
