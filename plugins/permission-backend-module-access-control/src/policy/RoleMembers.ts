import { Config } from '@backstage/config';
import { normalizeMember } from './parsePolicyFile';
import { PolicyDocument } from './types';

/** Where a role's member is named. */
export type MemberSource = 'policy file' | 'config' | 'access control page';

/** A role's member and where it is named (a member can be named in several places). */
export type RoleMember = { member: string; source: MemberSource };

/** A role granted on the access control page. */
export type GrantedRole = { role: string; member: string };

/**
 * Who holds which role: the members the policy file lists, those named in
 * config (`greenroom.accessControl.members.<role>`) and those granted on the
 * access control page. A user holds a role when their own ref or one of their
 * ownership refs (their groups, with parent groups) is a member.
 */
export class RoleMembers {
  /** Each member's roles, for the policy and grants it was built from: every decision looks a user up. */
  private index?: {
    policy: PolicyDocument;
    granted: GrantedRole[];
    rolesByMember: Map<string, string[]>;
  };

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

  /** Roles config gives members to that the policy does not define (an empty list names no one). */
  unknownRoles(policy: PolicyDocument): string[] {
    return [...this.configured.entries()]
      .filter(([role, members]) => members.size > 0 && !policy.roles.has(role))
      .map(([role]) => role);
  }

  /** Whether config names one of `refs` as a member of `role`. */
  namedInConfig(role: string, refs: string[]): boolean {
    const members = this.configured.get(role);
    return refs.some(r => members?.has(r.toLocaleLowerCase('en-US')) ?? false);
  }

  /** Every member of the role, with where each is named. */
  membersOf(
    policy: PolicyDocument,
    role: string,
    granted: GrantedRole[],
  ): RoleMember[] {
    return [
      ...(policy.roles.get(role)?.members ?? []).map(member => ({
        member,
        source: 'policy file' as const,
      })),
      ...[...(this.configured.get(role) ?? [])].map(member => ({
        member,
        source: 'config' as const,
      })),
      ...granted
        .filter(g => g.role === role)
        .map(g => ({
          member: g.member,
          source: 'access control page' as const,
        })),
    ];
  }

  /** The roles the user is a member of (not the default role, not included roles). */
  rolesOf(
    policy: PolicyDocument,
    refs: string[],
    granted: GrantedRole[],
  ): string[] {
    const { rolesByMember } = this.indexFor(policy, granted);
    const mine = new Set(
      refs.flatMap(r => rolesByMember.get(r.toLocaleLowerCase('en-US')) ?? []),
    );
    return [...policy.roles.keys()].filter(role => mine.has(role));
  }

  private indexFor(policy: PolicyDocument, granted: GrantedRole[]) {
    if (this.index?.policy !== policy || this.index.granted !== granted) {
      const rolesByMember = new Map<string, string[]>();
      for (const role of policy.roles.keys()) {
        for (const { member } of this.membersOf(policy, role, granted)) {
          rolesByMember.set(member, [
            ...(rolesByMember.get(member) ?? []),
            role,
          ]);
        }
      }
      this.index = { policy, granted, rolesByMember };
    }
    return this.index;
  }
}
