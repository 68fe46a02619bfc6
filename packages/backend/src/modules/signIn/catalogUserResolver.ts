import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { SignInResolver } from '@backstage/plugin-auth-node';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Marks the demo company's users and groups (demo/org.yaml). */
export const DEMO_ANNOTATION = 'greenroom.dev/demo';

const whatAnAdminDoes =
  "Ask a Greenroom admin to add you to the organization's user directory (LDAP, the GitHub organization, Microsoft Entra ID) or to a users file; until then you cannot sign in.";

/** Options of {@link createCatalogUserResolver}. */
export type CatalogUserResolverOptions<TResult> = {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  /** True in production: the demo company's users cannot sign in there. */
  refuseDemoUsers: boolean;
  /** The provider's user name, matched to `metadata.name` when no email matches (GitHub). */
  usernameOf?: (result: TResult) => string | undefined;
};

/**
 * Greenroom's one sign-in resolver, shared by every provider: the verified
 * email is matched to `spec.profile.email` of exactly one User entity, then,
 * where the provider has user names, the name to `metadata.name`. No match,
 * more than one, or a demo user in production: refused, with a message that
 * says what an admin does about it.
 */
export function createCatalogUserResolver<TResult>(
  options: CatalogUserResolverOptions<TResult>,
): SignInResolver<TResult> {
  const { catalog, auth, logger, refuseDemoUsers, usernameOf } = options;

  const findUsers = async (filter: Record<string, string>) => {
    const { items } = await catalog.getEntities(
      { filter: { kind: 'User', ...filter } },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items;
  };

  return async ({ profile, result }, ctx) => {
    const email = profile.email;
    const username = usernameOf?.(result);
    if (!email && !username) {
      throw new NotAllowedError(
        'Your sign-in provider did not give Greenroom a verified email address, so Greenroom cannot tell which user you are. Ask a Greenroom admin to check that the sign-in application shares your email (the "email" scope) and that your email is verified there.',
      );
    }

    let who = '';
    let users: Entity[] = [];
    if (email) {
      who = `the email ${email}`;
      users = await findUsers({ 'spec.profile.email': email });
    }
    if (users.length === 0 && username) {
      who = email
        ? `the email ${email} or the name ${username}`
        : `the name ${username}`;
      users = await findUsers({ 'metadata.name': username });
    }

    if (users.length === 0) {
      throw new NotFoundError(
        `No user in the catalog has ${who}. ${whatAnAdminDoes}`,
      );
    }
    const refs = users.map(user => stringifyEntityRef(user));
    if (users.length > 1) {
      logger.warn(
        `Refused a sign-in: ${users.length} users have ${who}: ${refs.join(
          ', ',
        )}`,
      );
      throw new ConflictError(
        `${users.length} users in the catalog have ${who}, so Greenroom cannot tell which one you are and does not sign you in. Ask a Greenroom admin to keep ${who} on one user only.`,
      );
    }
    const [user] = users;
    if (
      refuseDemoUsers &&
      user.metadata.annotations?.[DEMO_ANNOTATION] === 'true'
    ) {
      throw new NotAllowedError(
        `The only user with ${who} is ${refs[0]}, a user of the demo company, and demo users cannot sign in to production. ${whatAnAdminDoes}`,
      );
    }

    const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(user);
    return ctx.issueToken({
      claims: { sub: refs[0], ent: ownershipEntityRefs },
    });
  };
}
