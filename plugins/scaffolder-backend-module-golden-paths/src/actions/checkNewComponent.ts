import { stringifyEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { REPOSITORY_NAME } from '@internal/plugin-local-repositories-node';
import { examples } from './checkNewComponent.examples';

/**
 * `greenroom:catalog:check-new-component`: the first step of a golden path.
 * Fails, naming the problem, before anything is created when the name is
 * invalid or taken, or the owner or system does not exist. It reads the
 * catalog as the person running the template, so it tells them nothing about
 * entities they may not read.
 */
export function createCheckNewComponentAction(options: {
  catalog: CatalogService;
}) {
  return createTemplateAction({
    id: 'greenroom:catalog:check-new-component',
    // it only reads, as the person running it: a dry run checks the values too
    supportsDryRun: true,
    description:
      'Checks that a new component can be created: its name is valid and free in the catalog, its owner is a group and its system exists. Outputs the new entity ref.',
    examples,
    schema: {
      input: {
        name: z => z.string().describe('The new component name'),
        owner: z =>
          z.string().describe('The owning group, e.g. group:default/team-a'),
        system: z =>
          z.string().optional().describe('The system it belongs to, if any'),
        kind: z =>
          z
            .string()
            .default('Component')
            .describe('The kind of the new entity (default Component)'),
      },
      output: {
        entityRef: z => z.string().describe('The new entity ref'),
        ownerRef: z => z.string().describe('The owner, as a full entity ref'),
        ownerName: z => z.string().describe("The owner's name, e.g. team-a"),
        systemRef: z =>
          z.string().optional().describe('The system, as a full entity ref'),
      },
    },
    async handler(ctx) {
      const { name, owner, system } = ctx.input;
      const kind = ctx.input.kind ?? 'Component';
      if (!REPOSITORY_NAME.test(name) || name.length > 63) {
        throw new InputError(
          `Invalid name '${name}': use lowercase letters, digits and single dashes (e.g. orders-api), at most 63 characters`,
        );
      }
      const credentials = await ctx.getInitiatorCredentials();
      const entityRef = stringifyEntityRef({
        kind,
        namespace: 'default',
        name,
      });
      if (await options.catalog.getEntityByRef(entityRef, { credentials })) {
        throw new InputError(
          `The name '${name}' is already taken in the catalog by ${entityRef}: choose another`,
        );
      }

      const ownerRef = refOf(owner, 'group', 'owner');
      const ownerEntity = await options.catalog.getEntityByRef(ownerRef, {
        credentials,
      });
      if (!ownerEntity || ownerEntity.kind.toLowerCase() !== 'group') {
        throw new InputError(
          `The owner '${owner}' is not a group in the catalog: pick a team from the Org page`,
        );
      }

      let systemRef: string | undefined;
      if (system) {
        systemRef = refOf(system, 'system', 'system');
        const systemEntity = await options.catalog.getEntityByRef(systemRef, {
          credentials,
        });
        if (!systemEntity || systemEntity.kind.toLowerCase() !== 'system') {
          throw new InputError(
            `The system '${system}' is not a system in the catalog`,
          );
        }
      }

      ctx.logger.info(
        `${entityRef} is free; owner ${ownerRef}${
          systemRef ? `, system ${systemRef}` : ''
        }`,
      );
      ctx.output('entityRef', entityRef);
      ctx.output('ownerRef', ownerRef);
      ctx.output('ownerName', ownerEntity.metadata.name);
      if (systemRef) ctx.output('systemRef', systemRef);
    },
  });
}

function refOf(value: string, defaultKind: string, what: string): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace: 'default' }),
    );
  } catch (e) {
    throw new InputError(`Invalid ${what} '${value}': ${(e as Error).message}`);
  }
}
