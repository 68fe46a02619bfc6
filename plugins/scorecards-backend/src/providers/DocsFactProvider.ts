import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { TechDocsClient } from '@internal/plugin-techdocs-client-node';
import { forEachInParallel } from '../lib/async';
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
};

const PARALLEL = 8;
const DAY_MS = 86_400_000;
const notBuilt: EntityFacts = { built: false, pageCount: 0, ageDays: -1 };

/**
 * Facts about an entity's TechDocs site, from the TechDocs backend's
 * published metadata: whether it is built, its pages and its age.
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
    await forEachInParallel(entities, PARALLEL, async entity => {
      const ref = stringifyEntityRef(entity);
      if (!entity.metadata.annotations?.['backstage.io/techdocs-ref']) {
        result.set(ref, notBuilt);
        return;
      }
      try {
        const metadata = await this.techdocs.getMetadata(entity, options);
        if (!metadata) {
          result.set(ref, notBuilt);
          return;
        }
        const builtAt = metadata.build_timestamp;
        result.set(ref, {
          built: true,
          pageCount: (metadata.files ?? []).filter(
            f => f === 'index.html' || f.endsWith('/index.html'),
          ).length,
          // A clock a little behind the builder's must not make a new site -1.
          ageDays:
            builtAt === undefined
              ? -1
              : Math.max(0, Math.floor((Date.now() - builtAt) / DAY_MS)),
        });
      } catch (e) {
        result.set(ref, e instanceof Error ? e : new Error(String(e)));
      }
    });
    return result;
  }
}
