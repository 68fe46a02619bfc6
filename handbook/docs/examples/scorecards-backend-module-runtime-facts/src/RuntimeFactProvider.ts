import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityFacts, FactProvider } from '@internal/plugin-scorecards-node';

/** The annotation an entity declares its Node.js major version in. */
export const NODE_VERSION_ANNOTATION = 'greenroom.io/node-version';

/**
 * Runtime facts from the entity itself: which Node.js major version it
 * declares in its `greenroom.io/node-version` annotation. Scorecards use them
 * as `runtime.declaresNode` and `runtime.nodeMajor`.
 */
export class RuntimeFactProvider implements FactProvider {
  readonly id = 'runtime';
  readonly facts = {
    declaresNode: {
      type: 'boolean' as const,
      description: `The entity has a ${NODE_VERSION_ANNOTATION} annotation`,
    },
    nodeMajor: {
      type: 'number' as const,
      description: 'The Node.js major version it declares, 0 when none',
    },
  };

  private constructor() {}

  static create(): RuntimeFactProvider {
    return new RuntimeFactProvider();
  }

  async getFacts(entities: Entity[]): Promise<Map<string, EntityFacts>> {
    // Everything is on the entity: no calls to make. A provider that asks
    // another system would fetch the whole batch here in a few requests.
    return new Map(entities.map(e => [stringifyEntityRef(e), factsOf(e)]));
  }
}

function factsOf(entity: Entity): EntityFacts {
  const declared = entity.metadata.annotations?.[NODE_VERSION_ANNOTATION];
  if (declared === undefined) {
    return { declaresNode: false, nodeMajor: 0 };
  }
  const match = /^v?(\d+)(\.\d+){0,2}$/.exec(declared.trim());
  if (!match) {
    // An Error marks this entity's runtime checks as errors with this reason.
    return new Error(
      `${NODE_VERSION_ANNOTATION} is '${declared}', not a version such as 22 or 22.11.0`,
    );
  }
  return { declaresNode: true, nodeMajor: Number(match[1]) };
}
