import fs from 'node:fs';
import path from 'node:path';
import { greenroomPermissions } from './knownPermissions';
import { parsePolicyFile, PolicyFileError } from './parsePolicyFile';

const known = greenroomPermissions();
const shipped = path.resolve(
  __dirname,
  '../../../../access-control/policy.yaml',
);

function problemsOf(text: string): string[] {
  try {
    parsePolicyFile('policy.yaml', text, known);
  } catch (e) {
    expect(e).toBeInstanceOf(PolicyFileError);
    return (e as PolicyFileError).problems;
  }
  throw new Error('the file was accepted');
}

const valid = `defaultRole: member
roles:
  member:
    allow:
      - catalog.entity.read
`;

describe('parsePolicyFile', () => {
  it('reads the policy Greenroom ships', () => {
    const policy = parsePolicyFile(
      shipped,
      fs.readFileSync(shipped, 'utf8'),
      known,
    );
    expect([...policy.roles.keys()]).toEqual([
      'admin',
      'platform-engineer',
      'member',
      'viewer',
    ]);
    expect(policy.defaultRole).toBe('member');
    expect(policy.roles.get('member')!.includes).toEqual(['viewer']);
    expect(
      policy.roles
        .get('member')!
        .allow.find(g => g.permission === 'catalog.entity.delete'),
    ).toEqual({
      permission: 'catalog.entity.delete',
      if: { rule: 'IS_ENTITY_OWNER', params: { claims: '$ownership' } },
      source: expect.stringMatching(/policy\.yaml:\d+$/),
    });
  });

  it('names the line of a YAML error', () => {
    expect(problemsOf(`${valid}      - [unclosed\n`)).toEqual([
      'policy.yaml:7: Flow sequence in block collection must be sufficiently indented and end with a ]',
    ]);
  });

  it('names the line of an unknown permission, with the known ones of its plugin', () => {
    expect(problemsOf(`${valid}      - catalog.entity.unregister\n`)).toEqual([
      expect.stringMatching(
        /^policy\.yaml:6: unknown permission 'catalog\.entity\.unregister' \(known: catalog\.entity\.read, .*catalog\.entity\.delete/,
      ),
    ]);
  });

  it('names the line of a rule that does not apply to the permission’s resource', () => {
    expect(
      problemsOf(`${valid}      - permission: catalog.entity.delete
        if: { rule: IS_TASK_OWNER, params: { createdBy: [$user] } }
`),
    ).toEqual([
      expect.stringMatching(
        /^policy\.yaml:6: rule 'IS_TASK_OWNER' does not apply to 'catalog-entity' .*IS_ENTITY_OWNER/,
      ),
    ]);
  });

  it('checks a catalog rule’s params', () => {
    expect(
      problemsOf(`${valid}      - permission: catalog.entity.delete
        if: { rule: IS_ENTITY_OWNER, params: { claims: 42 } }
`),
    ).toEqual([
      expect.stringMatching(
        /^policy\.yaml:6: rule 'IS_ENTITY_OWNER' params: claims: /,
      ),
    ]);
  });

  it('checks a scaffolder rule’s params', () => {
    expect(
      problemsOf(`${valid}      - permission: scaffolder.task.read
        if: { rule: IS_TASK_OWNER, params: { createdBy: $user } }
      - permission: scaffolder.action.execute
        if: { rule: HAS_STRING_PROPERTY, params: { key: repoUrl, value: 7 } }
      - permission: scaffolder.task.cancel
        if: { rule: IS_TASK_OWNER, params: { createdBy: [$user] } }
`),
    ).toEqual([
      expect.stringMatching(
        /^policy\.yaml:6: rule 'IS_TASK_OWNER' params: createdBy: /,
      ),
      expect.stringMatching(
        /^policy\.yaml:8: rule 'HAS_STRING_PROPERTY' params: value: /,
      ),
    ]);
  });

  it('refuses a condition on a permission that is not about a resource', () => {
    expect(
      problemsOf(`${valid}      - permission: catalog.location.create
        if: { rule: IS_ENTITY_OWNER, params: { claims: $ownership } }
`),
    ).toEqual([
      "policy.yaml:6: permission 'catalog.location.create' is not about a resource, so it cannot have a condition",
    ]);
  });

  it('names unknown keys, undefined and circular includes, bad members and an unknown default role', () => {
    expect(
      problemsOf(`defaultRole: nobody
roles:
  a:
    includes: [b, ghost]
    members: [component:default/x, not a ref]
  b:
    includes: [a]
`),
    ).toEqual([
      expect.stringMatching(
        /^policy\.yaml:5: member 'component:default\/x' is a component/,
      ),
      expect.stringMatching(
        /^policy\.yaml:5: member 'not a ref' is not an entity ref/,
      ),
      "policy.yaml:4: role 'a' includes 'ghost', which is not defined",
      'policy.yaml:4: roles include each other in a circle: a → b → a',
      'policy.yaml:7: roles include each other in a circle: b → a → b',
      "policy.yaml:1: defaultRole 'nobody' is not a role defined under roles",
    ]);
    expect(problemsOf(`${valid}    grant: [x]\n`)).toEqual([
      expect.stringMatching(/^policy\.yaml:4: roles\.member: .*grant/),
    ]);
    expect(problemsOf(`roles: {}\n`)).toEqual([
      expect.stringMatching(/^policy\.yaml:1: defaultRole: /),
    ]);
  });

  it('refuses a key given twice, which YAML would otherwise let win silently', () => {
    expect(problemsOf(`${valid}  member:\n    allow: ['*']\n`)).toEqual([
      'policy.yaml:6: Map keys must be unique',
    ]);
  });
});
