import { Config } from '@backstage/config';
import { normalizeMember } from './parsePolicyFile';
import { PolicyDocument } from './types';

/**
 * Who holds which role: the members the policy file lists, and those named in
 * config (`greenroom.accessControl.members.<role>`). A user holds a role when
 * their own ref or one of their ownership refs (their groups, with parent
 * groups) is a member.
 */
export class RoleMembers {
  private constructor(
    private readonly configured: ReadonlyMap<string, ReadonlySet<string>>,
  ) {}

  /**
   * Reads `greenroom.accessControl.members`.
   *
   * @throws an error naming the key when a member is not a user or group ref.
   */
  static fromConfig(config: Config): RoleMembers {
    const members = config.getOptionalConfig('greenroom.accessControl.members');
    const configured = new Map<string, Set<string>>();
    for (const role of members?.keys() ?? []) {
      const key = `greenroom.accessControl.members.${role}`;
      configured.set(
        role,
        new Set(
          members!.getStringArray(role).map(member => {
            try {
              return normalizeMember(member);
            } catch {
              throw new Error(
                `${key}: '${member}' is not an entity ref; name users and groups as user:default/alice or group:default/platform`,
              );
            }
          }),
        ),
      );
    }
    return new RoleMembers(configured);
  }

  /** Roles named in config that the policy does not define. */
  unknownRoles(policy: PolicyDocument): string[] {
    return [...this.configured.keys()].filter(role => !policy.roles.has(role));
  }

  /** The roles the user is a member of (not the default role, not included roles). */
  rolesOf(policy: PolicyDocument, refs: string[]): string[] {
    const mine = new Set(refs.map(r => r.toLocaleLowerCase('en-US')));
    return [...policy.roles.values()]
      .filter(role =>
        [...role.members, ...(this.configured.get(role.name) ?? [])].some(m =>
          mine.has(m),
        ),
      )
      .map(role => role.name);
  }
}
