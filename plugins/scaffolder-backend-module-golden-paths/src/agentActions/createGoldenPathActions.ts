import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { JsonObject } from '@backstage/types';
import { GoldenPaths } from './GoldenPaths';

/**
 * The golden paths' actions for agents (the MCP server lists them as
 * `scaffolder.<name>`), each one call to {@link GoldenPaths} with the
 * caller's credentials: an agent runs exactly the templates its user may.
 */
export function createGoldenPathActions(options: {
  actionsRegistry: ActionsRegistryService;
  goldenPaths: GoldenPaths;
}) {
  const { actionsRegistry, goldenPaths } = options;

  const templateRef = (z: any) =>
    z
      .string()
      .min(1)
      .describe(
        'The template, e.g. "template:default/node-service" or "node-service"',
      );
  const values = (z: any) =>
    z
      .record(z.unknown())
      .default({})
      .describe(
        "The template's parameter values, one object with every page's properties (see scaffolder.list-golden-paths)",
      );
  const run = (z: any) =>
    z.object({
      taskId: z.string(),
      status: z
        .enum(['open', 'processing', 'completed', 'failed', 'cancelled'])
        .describe(
          'open or processing: still running; call scaffolder.get-golden-path-run',
        ),
      component: z
        .string()
        .optional()
        .describe('The component created, as an entity ref'),
      repository: z
        .string()
        .optional()
        .describe('The repository created: a clone URL or a path'),
      docs: z.string().optional().describe("The component's docs"),
      links: z.array(
        z.object({
          title: z.string().optional(),
          url: z.string().optional(),
          entityRef: z.string().optional(),
        }),
      ),
      error: z.string().optional().describe('Why the run failed'),
    });
  const waitSeconds = (z: any) =>
    z
      .number()
      .int()
      .min(0)
      .max(50)
      .default(45)
      .describe(
        'How long to wait for the run to end before answering (most clients give up on a call after 60 s)',
      );

  actionsRegistry.register({
    name: 'list-golden-paths',
    title: 'List golden paths',
    description: `Lists the golden-path templates you may run (new services, web apps, docs sites, registering a repository), each with its parameters as JSON schemas, one per page of the portal's form.
Pass every page's properties together as "values" to scaffolder.dry-run-golden-path or scaffolder.create-from-golden-path. Owner and system are entity refs such as "group:default/team-payments".`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          templateRef: templateRef(z)
            .optional()
            .describe('Only this template; default: every one'),
        }),
      output: z =>
        z.object({
          templates: z.array(
            z.object({
              templateRef: z.string(),
              title: z.string(),
              description: z.string().optional(),
              tags: z.array(z.string()),
              parameters: z.array(
                z.object({
                  title: z.string(),
                  description: z.string().optional(),
                  schema: z.object({}).passthrough(),
                }),
              ),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: { templates: await goldenPaths.list(input, credentials) },
    }),
  });

  actionsRegistry.register({
    name: 'dry-run-golden-path',
    title: 'Dry-run a golden path',
    description: `Runs a golden-path template without creating anything: no repository, no catalog entry. The steps that would create something are skipped; the others (checking the name, owner and system, rendering the files) run.
Use it to check the values before scaffolder.create-from-golden-path: a wrong value fails here with the reason. Answers the steps, the files it would write, its log and its output.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z => z.object({ templateRef: templateRef(z), values: values(z) }),
      output: z =>
        z.object({
          steps: z.array(
            z.object({ id: z.string(), name: z.string(), action: z.string() }),
          ),
          files: z.array(z.object({ path: z.string(), bytes: z.number() })),
          log: z.array(z.string()),
          output: z.object({}).passthrough(),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await goldenPaths.dryRun(
        {
          templateRef: input.templateRef,
          values: (input.values ?? {}) as JsonObject,
        },
        credentials,
      ),
    }),
  });

  actionsRegistry.register({
    name: 'create-from-golden-path',
    title: 'Create from a golden path',
    description: `Runs a golden-path template as you: creates the repository, registers the component in the catalog, builds its docs and scores it. Answers the component's entity ref, the repository and the docs once the run has ended.
A run takes up to a few minutes: when it has not ended within waitSeconds, the answer has status "processing" and a taskId to pass to scaffolder.get-golden-path-run. Dry-run it first with scaffolder.dry-run-golden-path.`,
    attributes: { readOnly: false, idempotent: false, destructive: false },
    schema: {
      input: z =>
        z.object({
          templateRef: templateRef(z),
          values: values(z),
          waitSeconds: waitSeconds(z),
        }),
      output: run,
    },
    action: async ({ input, credentials }) => ({
      output: await goldenPaths.start(
        {
          templateRef: input.templateRef,
          values: (input.values ?? {}) as JsonObject,
          waitSeconds: input.waitSeconds ?? 45,
        },
        credentials,
      ),
    }),
  });

  actionsRegistry.register({
    name: 'get-golden-path-run',
    title: 'Follow a golden-path run',
    description: `Where a run started by scaffolder.create-from-golden-path stands, waiting up to waitSeconds for it to end; once it has, what it created (component, repository, docs) or why it failed.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          taskId: z.string().min(1).describe('The taskId of the run'),
          waitSeconds: waitSeconds(z),
        }),
      output: run,
    },
    action: async ({ input, credentials }) => ({
      output: await goldenPaths.follow(
        { taskId: input.taskId, waitSeconds: input.waitSeconds ?? 45 },
        credentials,
      ),
    }),
  });
}
