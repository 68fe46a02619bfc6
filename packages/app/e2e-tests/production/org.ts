/**
 * The company the production test signs in to: one team in LDAP with two
 * people, and the OIDC account of one of them. The account's login differs
 * from the LDAP uid, so only the email can make the two the same person.
 */

/** The person who signs in. */
export const person = {
  /** What they type as their login at the OIDC provider */
  login: 'ada',
  /** Their LDAP uid, which names their User entity */
  uid: 'ada.lovelace',
  name: 'Ada Lovelace',
  email: 'ada.lovelace@example.com',
};

/** A colleague in the same team, who does not sign in. */
export const colleague = {
  uid: 'grace.hopper',
  name: 'Grace Hopper',
  email: 'grace.hopper@example.com',
};

/** Their team, an LDAP groupOfNames. */
export const team = {
  cn: 'team-platform',
  description: 'Runs the internal developer platform',
};

/** The people and groups for `orgLdif()` of @internal/test-utils. */
export const ldapOrg = {
  people: [
    { uid: person.uid, name: person.name, mail: person.email },
    { uid: colleague.uid, name: colleague.name, mail: colleague.email },
  ],
  groups: [
    {
      cn: team.cn,
      description: team.description,
      members: [person.uid, colleague.uid],
    },
  ],
};
