import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { DocsReader } from './DocsReader';

/**
 * TechDocs' actions for agents (the MCP server lists them as
 * `techdocs.<name>`), each one call to {@link DocsReader} with the caller's
 * credentials.
 */
export function createDocsActions(options: {
  actionsRegistry: ActionsRegistryService;
  docs: DocsReader;
}) {
  const { actionsRegistry, docs } = options;

  actionsRegistry.register({
    name: 'search-docs',
    title: 'Search the docs',
    description: `Searches the TechDocs of every entity you may read (runbooks, architecture notes, how-tos, API guides), best match first, or of one entity only.
Each result names the entity and the page's path: read the whole page with techdocs.read-docs-page.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          query: z
            .string()
            .min(1)
            .describe('What to look for, e.g. "restart payments"'),
          entityRef: z
            .string()
            .optional()
            .describe(
              'Only this entity\'s docs, e.g. "component:default/payments-service" or "payments-service"',
            ),
          limit: z.number().int().min(1).max(50).default(10),
        }),
      output: z =>
        z.object({
          results: z.array(
            z.object({
              entityRef: z.string(),
              entityTitle: z.string().optional(),
              path: z
                .string()
                .describe("The page's path in the site; '' is its home page"),
              title: z.string(),
              snippet: z.string(),
              url: z.string().describe('The page in the portal'),
            }),
          ),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: {
        results: await docs.search(
          {
            query: input.query,
            entityRef: input.entityRef,
            limit: input.limit ?? 10,
          },
          credentials,
        ),
      },
    }),
  });

  actionsRegistry.register({
    name: 'read-docs-page',
    title: 'Read a docs page',
    description: `Reads one page of an entity's TechDocs as Markdown (headings, lists, tables, code blocks and links kept) or plain text, without the site's navigation.
The path is the page within the site: "" for the home page, "runbook", "guides/setup" (as techdocs.search-docs gives it). An unknown page's error lists the pages there are.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .describe(
              'e.g. "component:default/payments-service" or "payments-service"',
            ),
          path: z
            .string()
            .default('')
            .describe('The page, e.g. "runbook"; "" for the home page'),
          format: z.enum(['markdown', 'text']).default('markdown'),
          maxCharacters: z
            .number()
            .int()
            .min(100)
            .max(200_000)
            .default(40_000)
            .describe('Longer pages are cut here (truncated: true)'),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          path: z.string(),
          title: z.string().optional(),
          format: z.enum(['markdown', 'text']),
          content: z.string(),
          truncated: z.boolean(),
          url: z.string().describe('The page in the portal'),
        }),
    },
    action: async ({ input, credentials }) => ({
      output: await docs.readPage(
        {
          entityRef: input.entityRef,
          path: input.path ?? '',
          format: input.format ?? 'markdown',
          maxCharacters: input.maxCharacters ?? 40_000,
        },
        credentials,
      ),
    }),
  });
}
