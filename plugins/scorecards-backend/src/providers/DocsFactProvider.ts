import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { toError } from '@backstage/errors';
import {
  BuildState,
  TechDocsClient,
} from '@internal/plugin-techdocs-client-node';
import {
  EntityFacts,
  FactDefinition,
  FactProvider,
} from '@internal/plugin-scorecards-node';

const facts: Record<string, FactDefinition> = {
  built: {
    type: 'boolean',
    description: 'The TechDocs site is built and published',
  },
  pageCount: {
    type: 'number',
    description: 'Pages in the published TechDocs site',
  },
  ageDays: {
    type: 'number',
    description:
      'Days since the site was last built; -1 when it is not built or its build time is unknown (a site published without a build_timestamp), so that a freshness check such as 0 <= ageDays <= 90 fails',
  },
  buildFails: {
    type: 'boolean',
    description:
      "The last build of the docs from the entity's current source failed, and no site was published since (a site still published from an earlier source is stale); the reason is docs.buildFailure",
  },
  buildFailure: {
    type: 'string',
    description:
      'Why the last build failed, naming the file and the problem as the build log does; not set when the build does not fail',
  },
};

const DAY_MS = 86_400_000;
const notBuilt: EntityFacts = {
  built: false,
  pageCount: 0,
  ageDays: -1,
  buildFails: false,
  buildFailure: null,
};

/**
 * Facts about an entity's TechDocs site: whether it is built, its pages, its
 * age, and whether its build fails. Read from the build states that the
 * TechDocs Node generator module serves, one request for a whole batch of
 * entities (at most 1000 per request).
 */
export class DocsFactProvider implements FactProvider {
  readonly id = 'docs';
  readonly facts = facts;
  private readonly techdocs: TechDocsClient;

  constructor(deps: { auth: AuthService; discovery: DiscoveryService }) {
    this.techdocs = TechDocsClient.create(deps);
  }

  async getFacts(
    entities: Entity[],
    options: { signal: AbortSignal },
  ): Promise<Map<string, EntityFacts>> {
    const result = new Map<string, EntityFacts>();
    const documented: string[] = [];
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      if (entity.metadata.annotations?.['backstage.io/techdocs-ref']) {
        documented.push(ref);
      } else {
        result.set(ref, notBuilt);
      }
    }
    if (documented.length === 0) return result;

    let states: BuildState[];
    try {
      states = await this.techdocs.getBuildStates(documented, options);
    } catch (e) {
      // The undocumented entities keep their facts.
      const error = toError(e);
      for (const ref of documented) result.set(ref, error);
      return result;
    }
    documented.forEach((ref, i) => result.set(ref, factsOf(ref, states[i])));
    return result;
  }
}

function factsOf(ref: string, state: BuildState): EntityFacts {
  if (state.error) {
    return new Error(
      `TechDocs could not tell the docs of ${ref}: ${state.error}`,
    );
  }
  const { builtAt } = state;
  return {
    built: state.published,
    pageCount: state.published ? state.pageCount : 0,
    // A clock a little behind the builder's must not make a new site -1.
    ageDays:
      state.published && builtAt !== null
        ? Math.max(0, Math.floor((Date.now() - builtAt) / DAY_MS))
        : -1,
    buildFails: state.buildFails,
    buildFailure: state.buildFails ? state.failure?.reason ?? '' : null,
  };
}
