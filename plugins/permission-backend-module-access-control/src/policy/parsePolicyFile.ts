import { InputError } from '@backstage/errors';
import { parseEntityRef } from '@backstage/catalog-model';
import { isResourcePermission } from '@backstage/plugin-permission-common';
import { Document, LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { KnownPermissions } from './knownPermissions';
import { Grant, PolicyDocument, Role, RuleCondition } from './types';

/** A policy file that cannot be used, with each problem's line. */
export class PolicyFileError extends InputError {
  constructor(readonly file: string, readonly problems: string[]) {
    super(
      `The access control policy ${file} cannot be used: ${problems.join(
        '; ',
      )}`,
    );
  }
}

/** The values a condition's params may use in place of the user's own. */
export const PLACEHOLDERS = {
  user: '$user',
  ownership: '$ownership',
} as const;

const roleNameSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(-[a-z0-9]+)*$/,
    'must be lowercase letters, digits and single dashes',
  );

const criteriaSchema: z.ZodType<unknown> = z.lazy(() =>
  z.union([
    z.object({ allOf: z.array(criteriaSchema).min(1) }).strict(),
    z.object({ anyOf: z.array(criteriaSchema).min(1) }).strict(),
    z.object({ not: criteriaSchema }).strict(),
    z
      .object({
        rule: z
          .string()
          .regex(
            /^[A-Z][A-Z0-9_]*$/,
            'must be a rule name such as IS_ENTITY_OWNER',
          ),
        params: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
  ]),
);

const grant = z.union([
  z.string().min(1),
  z
    .object({ permission: z.string().min(1), if: criteriaSchema.optional() })
    .strict(),
]);

const fileSchema = z
  .object({
    defaultRole: roleNameSchema,
    roles: z.record(
      roleNameSchema,
      z
        .object({
          description: z.string().optional(),
          includes: z.array(roleNameSchema).default([]),
          members: z.array(z.string()).default([]),
          allow: z.array(grant).default([]),
        })
        .strict(),
    ),
  })
  .strict();

/**
 * Reads a policy file: its YAML, its shape, and that every role, permission,
 * rule and member it names exists and fits. Every problem is reported with
 * its line.
 *
 * @throws PolicyFileError naming the file and each problem's line.
 */
export function parsePolicyFile(
  file: string,
  text: string,
  known: KnownPermissions,
): PolicyDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  const at = (path: ReadonlyArray<PropertyKey>) =>
    `${file}:${lineOf(doc, lineCounter, path)}`;
  if (doc.errors.length > 0) {
    throw new PolicyFileError(
      file,
      doc.errors.map(
        e =>
          `${file}:${e.linePos?.[0].line ?? 1}: ${e.message
            .split('\n')[0]
            .replace(/ at line \d+, column \d+:?$/, '')}`,
      ),
    );
  }
  const parsed = fileSchema.safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    throw new PolicyFileError(
      file,
      parsed.error.issues.map(
        issue =>
          `${at(issue.path)}: ${
            issue.path.length ? `${issue.path.join('.')}: ` : ''
          }${issue.message}`,
      ),
    );
  }

  const problems: string[] = [];
  const roles = new Map<string, Role>();
  for (const [roleName, raw] of Object.entries(parsed.data.roles)) {
    const rolePath = ['roles', roleName];
    raw.members.forEach((member, i) => {
      const problem = memberProblem(member);
      if (problem)
        problems.push(`${at([...rolePath, 'members', i])}: ${problem}`);
    });
    const allow: Grant[] = raw.allow.map((entry, i) => {
      const path = [...rolePath, 'allow', i];
      const g =
        typeof entry === 'string'
          ? { permission: entry }
          : (entry as { permission: string; if?: unknown });
      problems.push(...grantProblems(g, known).map(p => `${at(path)}: ${p}`));
      return {
        permission: g.permission,
        if: g.if as Grant['if'],
        source: at(path),
      };
    });
    roles.set(roleName, {
      name: roleName,
      description: raw.description,
      includes: raw.includes,
      members: raw.members.filter(m => !memberProblem(m)).map(normalizeMember),
      allow,
      source: at(rolePath),
    });
  }

  for (const role of roles.values()) {
    role.includes.forEach((included, i) => {
      if (!roles.has(included)) {
        problems.push(
          `${at(['roles', role.name, 'includes', i])}: role '${
            role.name
          }' includes '${included}', which is not defined`,
        );
      }
    });
    const cycle = includeCycle(role.name, roles);
    if (cycle) {
      problems.push(
        `${at([
          'roles',
          role.name,
          'includes',
        ])}: roles include each other in a circle: ${cycle.join(' → ')}`,
      );
    }
  }
  if (!roles.has(parsed.data.defaultRole)) {
    problems.push(
      `${at(['defaultRole'])}: defaultRole '${
        parsed.data.defaultRole
      }' is not a role defined under roles`,
    );
  }
  if (problems.length > 0) throw new PolicyFileError(file, problems);
  return { file, defaultRole: parsed.data.defaultRole, roles };
}

function grantProblems(
  g: { permission: string; if?: unknown },
  known: KnownPermissions,
): string[] {
  if (g.permission === '*') {
    return g.if ? ["'*' cannot have a condition: name the permission"] : [];
  }
  const permission = known.permissions.get(g.permission);
  if (!permission) {
    return [
      `unknown permission '${g.permission}'${suggest(g.permission, [
        ...known.permissions.keys(),
      ])}`,
    ];
  }
  if (!g.if) return [];
  if (!isResourcePermission(permission)) {
    return [
      `permission '${g.permission}' is not about a resource, so it cannot have a condition`,
    ];
  }
  const resourceType = known.resourceTypes.get(permission.resourceType);
  if (!resourceType) {
    return [
      `permission '${g.permission}' is about '${permission.resourceType}', whose rules Greenroom does not know`,
    ];
  }
  const problems: string[] = [];
  forEachCondition(g.if, condition => {
    if (!resourceType.rules.has(condition.rule)) {
      problems.push(
        `rule '${condition.rule}' does not apply to '${
          permission.resourceType
        }' (permission '${g.permission}'); its rules are ${[
          ...resourceType.rules.keys(),
        ].join(', ')}`,
      );
      return;
    }
    const check = resourceType.rules.get(condition.rule);
    const problem = check?.(
      withPlaceholders(condition.params ?? {}, {
        userEntityRef: 'user:default/someone',
        ownershipEntityRefs: ['user:default/someone'],
      }),
    );
    if (problem) {
      problems.push(`rule '${condition.rule}' params: ${problem}`);
    }
  });
  return problems;
}

/** Calls `fn` with every rule condition in criteria. */
export function forEachCondition(
  criteria: unknown,
  fn: (condition: RuleCondition) => void,
) {
  const c = criteria as Record<string, unknown>;
  if (Array.isArray(c.allOf)) c.allOf.forEach(x => forEachCondition(x, fn));
  else if (Array.isArray(c.anyOf))
    c.anyOf.forEach(x => forEachCondition(x, fn));
  else if (c.not) forEachCondition(c.not, fn);
  else fn(c as RuleCondition);
}

/** Params with the placeholders replaced by the user's own values. */
export function withPlaceholders(
  params: Record<string, unknown>,
  user: { userEntityRef: string; ownershipEntityRefs: string[] },
): Record<string, unknown> {
  const value = (v: unknown): unknown => {
    if (v === PLACEHOLDERS.user) return user.userEntityRef;
    if (v === PLACEHOLDERS.ownership) return user.ownershipEntityRefs;
    if (Array.isArray(v)) {
      return v.flatMap(x => {
        const replaced = value(x);
        return x === PLACEHOLDERS.ownership
          ? (replaced as unknown[])
          : [replaced];
      });
    }
    return v;
  };
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, value(v)]),
  );
}

function memberProblem(member: string): string | undefined {
  try {
    const ref = parseEntityRef(member);
    if (!['user', 'group'].includes(ref.kind.toLocaleLowerCase('en-US'))) {
      return `member '${member}' is a ${ref.kind}: members are users and groups (user:default/alice, group:default/platform)`;
    }
    return undefined;
  } catch {
    return `member '${member}' is not an entity ref: name users and groups as user:default/alice or group:default/platform`;
  }
}

/** An entity ref as tokens carry it: kind, namespace and name, lower case. */
export function normalizeMember(member: string): string {
  const ref = parseEntityRef(member);
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLocaleLowerCase('en-US');
}

function includeCycle(
  start: string,
  roles: Map<string, Role>,
): string[] | undefined {
  const walk = (name: string, trail: string[]): string[] | undefined => {
    for (const next of roles.get(name)?.includes ?? []) {
      if (next === start) return [...trail, next];
      if (trail.includes(next)) continue;
      const found = walk(next, [...trail, next]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}

function suggest(word: string, candidates: string[]): string {
  const prefix = word.split('.').slice(0, -1).join('.');
  const close = candidates.filter(c => prefix && c.startsWith(`${prefix}.`));
  return close.length ? ` (known: ${close.join(', ')})` : '';
}

/** The line of the node at `path`, or of its closest parent that exists. */
function lineOf(
  doc: Document,
  lineCounter: LineCounter,
  path: ReadonlyArray<PropertyKey>,
): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as
      | { range?: [number, number, number] }
      | undefined;
    if (node && typeof node === 'object' && node.range) {
      return lineCounter.linePos(node.range[0]).line;
    }
  }
  return 1;
}
