import { catalogPermissions } from '@backstage/plugin-catalog-common/alpha';
import { permissionRules as catalogRules } from '@backstage/plugin-catalog-backend/alpha';
import {
  scaffolderActionConditions,
  scaffolderTaskConditions,
  scaffolderTemplateConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { scaffolderPermissions } from '@backstage/plugin-scaffolder-common/alpha';
import { techdocsPermissions } from '@backstage/plugin-techdocs-common/alpha';
import { Permission } from '@backstage/plugin-permission-common';
import { accessControlPermissions } from '@internal/plugin-access-control-common';
import { scorecardsPermissions } from '@internal/plugin-scorecards-common';
import { setupPermissions } from '@internal/plugin-setup-common';
import { z } from 'zod';

/**
 * The params of the scaffolder's rules, as its rules (which it does not
 * export) declare them in `@backstage/plugin-scaffolder-backend`'s
 * `src/service/rules.ts`; a rule missing here is known without a check.
 */
const scaffolderRuleParams: Record<string, z.ZodType> = {
  HAS_TAG: z.object({ tag: z.string() }),
  HAS_ACTION_ID: z.object({ actionId: z.string() }),
  HAS_BOOLEAN_PROPERTY: z.object({
    key: z.string(),
    value: z.boolean().optional(),
  }),
  HAS_NUMBER_PROPERTY: z.object({
    key: z.string(),
    value: z.number().optional(),
  }),
  HAS_STRING_PROPERTY: z.object({
    key: z.string(),
    value: z.string().optional(),
  }),
  IS_TASK_OWNER: z.object({ createdBy: z.array(z.string()) }),
};

/** Checks a rule's params; returns what is wrong, or undefined. */
export type ParamsCheck = (params: unknown) => string | undefined;

/** A resource type: the plugin that applies its conditions, and its rules. */
export type KnownResourceType = {
  pluginId: string;
  rules: Map<string, ParamsCheck | undefined>;
};

/** The permissions and rules a policy file may name. */
export type KnownPermissions = {
  permissions: Map<string, Permission>;
  resourceTypes: Map<string, KnownResourceType>;
};

type StandardSchema = {
  '~standard': {
    validate(value: unknown):
      | {
          issues?: ReadonlyArray<{
            message: string;
            path?: ReadonlyArray<unknown>;
          }>;
        }
      | Promise<unknown>;
  };
};

function standardCheck(schema: unknown): ParamsCheck | undefined {
  if (!schema || typeof schema !== 'object' || !('~standard' in schema)) {
    return undefined;
  }
  return params => {
    const result = (schema as StandardSchema)['~standard'].validate(params);
    if (result instanceof Promise || !('issues' in result) || !result.issues) {
      return undefined;
    }
    return result.issues
      .map(i => {
        const at = (i.path ?? [])
          .map(p => (typeof p === 'object' && p && 'key' in p ? p.key : p))
          .join('.');
        return at ? `${at}: ${i.message}` : i.message;
      })
      .join('; ');
  };
}

/**
 * Rule names of a plugin that exports its conditions but not its rules: each
 * condition factory returns a condition naming its rule.
 */
function ruleNames(
  conditions: Record<string, (params: any) => { rule: string }>,
) {
  return Object.values(conditions).map(create => create({}).rule);
}

/**
 * What Greenroom's backend defines: the permissions of the catalog, the
 * scaffolder, TechDocs, scorecards, setup and access control, and the rules of the
 * catalog and the scaffolder. A policy file naming anything else is refused.
 */
export function greenroomPermissions(): KnownPermissions {
  const permissions = new Map<string, Permission>();
  for (const permission of [
    ...catalogPermissions,
    ...scaffolderPermissions,
    ...techdocsPermissions,
    ...scorecardsPermissions,
    ...accessControlPermissions,
    ...setupPermissions,
  ]) {
    permissions.set(permission.name, permission);
  }
  const scaffolderRules = (names: string[]) =>
    new Map(
      names.map(name => [name, standardCheck(scaffolderRuleParams[name])]),
    );
  return {
    permissions,
    resourceTypes: new Map<string, KnownResourceType>([
      [
        'catalog-entity',
        {
          pluginId: 'catalog',
          rules: new Map(
            Object.values(catalogRules).map(rule => [
              rule.name,
              standardCheck(rule.paramsSchema),
            ]),
          ),
        },
      ],
      [
        'scaffolder-template',
        {
          pluginId: 'scaffolder',
          rules: scaffolderRules(ruleNames(scaffolderTemplateConditions)),
        },
      ],
      [
        'scaffolder-action',
        {
          pluginId: 'scaffolder',
          rules: scaffolderRules(ruleNames(scaffolderActionConditions)),
        },
      ],
      [
        'scaffolder-task',
        {
          pluginId: 'scaffolder',
          rules: scaffolderRules(ruleNames(scaffolderTaskConditions)),
        },
      ],
    ]),
  };
}
