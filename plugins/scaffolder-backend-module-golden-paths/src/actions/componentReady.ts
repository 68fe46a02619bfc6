import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResponseError } from '@backstage/errors';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  DefaultApiClient,
  TypedResponse,
} from '@internal/plugin-scorecards-common';
import { TechDocsClient } from '@internal/plugin-techdocs-client-node';
import yaml from 'yaml';

/**
 * `greenroom:component:ready`: the last step of a golden path. Waits until
 * the catalog has ingested the new entity, builds its TechDocs site and
 * evaluates its scorecards, so the result page's links all work and the
 * message can say where it scores. It acts as the person running the
 * template: it waits for an entity they can read, and re-evaluates scores
 * only where they may (else it reads the scores the change feed gives).
 */
export function createComponentReadyAction(options: {
  catalog: CatalogService;
  auth: AuthService;
  discovery: DiscoveryService;
}) {
  const { catalog, auth, discovery } = options;
  const techdocs = TechDocsClient.create({ auth, discovery });
  const scorecards = new DefaultApiClient({ discoveryApi: discovery });
  return createTemplateAction({
    id: 'greenroom:component:ready',
    description:
      'Waits until the catalog has the new entity (failing after the timeout), then builds its TechDocs site and evaluates its scorecards; outputs a one-line summary of its levels.',
    examples: [
      {
        description: 'Finish a golden path',
        example: yaml.stringify({
          steps: [
            {
              id: 'ready',
              action: 'greenroom:component:ready',
              input: { entityRef: '${{ steps.check.output.entityRef }}' },
            },
          ],
        }),
      },
    ],
    schema: {
      input: {
        entityRef: z => z.string().describe('The new entity'),
        timeoutSeconds: z => z.number().min(1).max(600).default(60),
      },
      output: {
        summary: z =>
          z.string().describe('Where it stands, e.g. its scorecard levels'),
      },
    },
    async handler(ctx) {
      const { entityRef } = ctx.input;
      const timeoutSeconds = ctx.input.timeoutSeconds ?? 60;
      const credentials = await ctx.getInitiatorCredentials();
      const started = Date.now();
      while (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
        if (
          Date.now() - started > timeoutSeconds * 1000 ||
          ctx.signal?.aborted
        ) {
          throw new Error(
            `${entityRef} did not appear in the catalog within ${timeoutSeconds} s: see the catalog's processing errors for its catalog-info.yaml`,
          );
        }
        await new Promise(r => setTimeout(r, 250));
      }
      ctx.logger.info(
        `${entityRef} is in the catalog (${(
          (Date.now() - started) /
          1000
        ).toFixed(1)} s)`,
      );

      // Docs and scores are a bonus: the component exists either way.
      let summary = '';
      try {
        const outcome = await techdocs.sync(entityRef, {
          signal: ctx.signal,
          timeout: { seconds: 60 },
          credentials,
        });
        if (outcome.type === 'error') {
          ctx.logger.warn(`Its docs did not build: ${outcome.message}`);
        } else ctx.logger.info('Its docs are built');
      } catch (e) {
        ctx.logger.warn(`Its docs could not be built now: ${e}`);
      }
      try {
        const { kind, namespace, name } = parseEntityRef(entityRef);
        const { token } = await auth.getPluginRequestToken({
          onBehalfOf: credentials,
          targetPluginId: 'scorecards',
        });
        const json = async <T>(res: TypedResponse<T>): Promise<T> => {
          if (!res.ok) throw await ResponseError.fromResponse(res as Response);
          return res.json();
        };
        const path = {
          namespace,
          kind: kind.toLocaleLowerCase('en-US'),
          name,
        };
        const refreshed = await scorecards.refreshEntity({ path }, { token });
        // Re-evaluating is for the entity's owners; anyone else reads the
        // scores the change feed has given it so far.
        const { results } = await json(
          refreshed.status === 403
            ? await scorecards.getEntityResults({ path }, { token })
            : refreshed,
        );
        const { items } = await json(
          await scorecards.listScorecards({}, { token }),
        );
        const titleOf = (id: string) =>
          items.find(s => s.id === id)?.title ?? id;
        summary = `Scorecards: ${results
          .map(r => `${titleOf(r.scorecardId)} ${r.level ?? 'no level yet'}`)
          .join(', ')}.`;
        ctx.logger.info(summary);
      } catch (e) {
        ctx.logger.warn(`Its scorecards could not be evaluated now: ${e}`);
      }
      ctx.output('summary', summary);
    },
  });
}
