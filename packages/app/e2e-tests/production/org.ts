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

/**
 * The people of the access control matrix (accessControl.test.ts), each
 * with an OIDC login: an admin (GREENROOM_ADMINS names ada), a platform
 * engineer in a child group of the platform-engineering group that
 * GREENROOM_PLATFORM_ENGINEERS names, an owner in a child group of the team
 * that owns the payments components, and a member of another team.
 */
export const matrixPeople = {
  admin: person,
  platformEngineer: {
    login: 'pat',
    uid: 'pat.sre',
    name: 'Pat Sre',
    email: 'pat.sre@example.com',
  },
  owner: {
    login: 'mo',
    uid: 'mo.payments',
    name: 'Mo Payments',
    email: 'mo.payments@example.com',
  },
  member: {
    login: 'sam',
    uid: 'sam.storefront',
    name: 'Sam Storefront',
    email: 'sam.storefront@example.com',
  },
};

/** The groups the access control matrix needs, with parents through subgroups. */
const matrixGroups = [
  {
    cn: 'platform-engineering',
    description: 'Platform engineering',
    members: [],
    subgroups: ['team-sre'],
  },
  {
    cn: 'team-sre',
    description: 'Site reliability',
    members: [matrixPeople.platformEngineer.uid],
  },
  {
    cn: 'team-payments',
    description: 'Payments',
    members: [],
    subgroups: ['team-payments-api'],
  },
  {
    cn: 'team-payments-api',
    description: 'Payments API',
    members: [matrixPeople.owner.uid],
  },
  {
    cn: 'team-storefront',
    description: 'Storefront',
    members: [matrixPeople.member.uid],
  },
];

/** The whole directory: the team above and the matrix's people and groups. */
export const productionOrg = {
  people: [
    ...ldapOrg.people,
    ...[
      matrixPeople.platformEngineer,
      matrixPeople.owner,
      matrixPeople.member,
    ].map(p => ({ uid: p.uid, name: p.name, mail: p.email })),
  ],
  groups: [...ldapOrg.groups, ...matrixGroups],
};

/** Every OIDC account: the person above and the matrix's people. */
export const productionAccounts = Object.values(matrixPeople).map(p => ({
  id: p.login,
  email: p.email,
  name: p.name,
}));

const component = (name: string, owner: string) => `---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: service
  lifecycle: production
  owner: ${owner}
`;

const template = (name: string, tags: string[]) => `---
apiVersion: scaffolder.backstage.io/v1beta3
kind: Template
metadata:
  name: ${name}
  title: ${name}
  tags: [${tags.join(', ')}]
spec:
  owner: platform-engineering
  type: service
  parameters: []
  steps:
    - id: log
      name: Log
      action: debug:log
      input:
        message: hello from ${name}
`;

/**
 * The catalog files of the company's repositories, served to the backend:
 * the payments and storefront components, two templates (one recommended),
 * and a file nobody has registered yet.
 */
export const productionCatalogFiles = {
  files: {
    '/software.yaml': [
      component('payments-api', 'team-payments'),
      component('payments-ledger', 'team-payments'),
      component('storefront-web', 'team-storefront'),
      component('storefront-legacy', 'team-storefront'),
    ].join(''),
    '/templates.yaml': [
      template('matrix-recommended', ['recommended']),
      template('matrix-restricted', ['internal']),
    ].join(''),
    '/unregistered.yaml': component('new-service', 'team-storefront'),
  },
  locations: [
    { path: '/software.yaml', allow: ['Component'] },
    { path: '/templates.yaml', allow: ['Template'] },
  ],
};

/** Who of the matrix's people. */
export type MatrixWho = keyof typeof matrixPeople;
