import { BackstageUserInfo } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';

const normalize = (ref: string) =>
  stringifyEntityRef(parseEntityRef(ref)).toLocaleLowerCase('en-US');

/**
 * The users and groups named in greenroom.admins, who see the setup status:
 * until Greenroom has access control of its own, admins are named in config.
 */
export class Admins {
  private constructor(private readonly refs: ReadonlySet<string>) {}

  /** Reads greenroom.admins; a ref that is not a full entity ref stops start-up. */
  static fromConfig(config: Config): Admins {
    const refs = config.getOptionalStringArray('greenroom.admins') ?? [];
    return new Admins(
      new Set(
        refs.map(ref => {
          try {
            return normalize(ref);
          } catch {
            throw new Error(
              `greenroom.admins: '${ref}' is not an entity ref; name users and groups as user:default/alice or group:default/platform-team`,
            );
          }
        }),
      ),
    );
  }

  /** Whether the user is named, or is a member of a named group. */
  includes(user: BackstageUserInfo): boolean {
    return [user.userEntityRef, ...user.ownershipEntityRefs].some(ref =>
      this.refs.has(ref.toLocaleLowerCase('en-US')),
    );
  }
}
