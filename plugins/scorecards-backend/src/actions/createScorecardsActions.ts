import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { ScorecardsService } from '../service/ScorecardsService';

/**
 * Scorecards' actions for agents (the MCP server lists them as
 * `scorecards.<name>`): each is one call to the service with the caller's
 * credentials, so an agent sees exactly what its user sees in the portal.
 */
export function createScorecardsActions(options: {
  actionsRegistry: ActionsRegistryService;
  service: ScorecardsService;
}) {
  const { actionsRegistry, service } = options;

  actionsRegistry.register({
    name: 'get-entity-scorecards',
    title: "Get an entity's scorecards",
    description: `Shows how one catalog entity measures up on each scorecard (production readiness, documentation, ownership...): the level it has reached, the next level, and every check it does not pass, with the reason and the fix in Markdown.
Use it to answer "how healthy is X" or "what should we fix next on X". Fix the checks of the lowest level first: a level is reached only when its checks and all lower ones pass.
The entity is a reference such as "component:default/payments-service"; a bare name ("payments-service") means a component in the default namespace.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'The entity, e.g. "component:default/payments-service" or "payments-service"',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string().describe('The entity, as the catalog names it'),
          scorecards: z.array(
            z.object({
              scorecardId: z.string(),
              title: z.string(),
              level: z
                .object({ id: z.string(), title: z.string() })
                .nullable()
                .describe('The level reached; null when none'),
              nextLevel: z
                .object({ id: z.string(), title: z.string() })
                .nullable()
                .describe('The next level up; null at the top'),
              passed: z.number(),
              total: z.number(),
              evaluatedAt: z.string(),
              checksToFix: z.array(
                z.object({
                  checkId: z.string(),
                  title: z.string(),
                  level: z.string(),
                  status: z.enum(['fail', 'error']),
                  reason: z.string().optional(),
                  fix: z
                    .string()
                    .optional()
                    .describe('How to fix it, in Markdown'),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.getEntityReport(
        parseRef(input.entityRef, 'component'),
        credentials,
      ),
    }),
  });

  actionsRegistry.register({
    name: 'get-team-worst-checks',
    title: "Get a team's worst checks",
    description: `Lists the scorecard checks that most of a team's entities (its child groups' included) do not pass, most first, with how many fail and how to fix each.
Without a group it answers for the teams the signed-in user is a member of ("my team"). Use scorecards.list-check-entities to see which entities fail one of them.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          group: z
            .string()
            .optional()
            .describe(
              'The team, e.g. "group:default/team-payments" or "team-payments"; default: your own teams',
            ),
          limit: z
            .number()
            .int()
            .min(1)
            .max(100)
            .default(10)
            .describe('How many checks at most'),
        }),
      output: z =>
        z.object({
          groups: z.array(z.string()).describe('The teams counted'),
          checks: z.array(
            z.object({
              scorecardId: z.string(),
              scorecardTitle: z.string(),
              checkId: z.string(),
              title: z.string(),
              level: z.string(),
              fail: z.number(),
              error: z.number(),
              total: z
                .number()
                .describe("The team's entities the scorecard applies to"),
              fix: z.string().optional().describe('How to fix it, in Markdown'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.getWorstChecks(
        { group: input.group, limit: input.limit ?? 10 },
        credentials,
      ),
    }),
  });

  actionsRegistry.register({
    name: 'list-check-entities',
    title: 'List the entities failing a check',
    description: `Lists the entities with a given status (by default: failing) on one check of one scorecard, by entity ref, a page at a time, with the reason for each.
Scorecard and check ids come from scorecards.get-entity-scorecards or scorecards.get-team-worst-checks. Pass nextCursor back as cursor for the next page.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          scorecardId: z.string().describe('e.g. "production-readiness"'),
          checkId: z.string().describe('e.g. "has-runbook"'),
          status: z
            .enum(['fail', 'error', 'pass'])
            .default('fail')
            .describe('Which entities: failing (default), erroring or passing'),
          limit: z.number().int().min(1).max(500).default(50),
          cursor: z
            .string()
            .optional()
            .describe('nextCursor of the page before'),
        }),
      output: z =>
        z.object({
          items: z.array(
            z.object({
              entityRef: z.string(),
              status: z.enum(['pass', 'fail', 'error']),
              reason: z.string().optional(),
              level: z.string().nullable(),
            }),
          ),
          totalItems: z.number(),
          nextCursor: z.string().optional(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await service.getCheckEntities(
        input.scorecardId,
        input.checkId,
        {
          status: input.status ?? 'fail',
          limit: input.limit ?? 50,
          cursor: input.cursor,
        },
        credentials,
      ),
    }),
  });
}

/** An entity ref an agent wrote; an InputError that names it when it is not one. */
function parseRef(ref: string, defaultKind: string): CompoundEntityRef {
  try {
    return parseEntityRef(ref.trim(), {
      defaultKind,
      defaultNamespace: 'default',
    });
  } catch (e) {
    throw new InputError(`'${ref}' is not an entity reference: ${e}`);
  }
}
