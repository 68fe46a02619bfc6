import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
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
    description: 'Days since the site was last built (-1 when not built)',
  },
};

const PARALLEL = 8;

/**
 * Facts about an entity's TechDocs site, from the TechDocs backend's
 * published metadata: whether it is built, its pages and its age.
 */
export class DocsFactProvider implements FactProvider {
  readonly id = 'docs';
  readonly facts = facts;

  constructor(
    private readonly deps: { auth: AuthService; discovery: DiscoveryService },
  ) {}

  async getFacts(
    entities: Entity[],
    options: { signal: AbortSignal },
  ): Promise<Map<string, EntityFacts>> {
    const { auth, discovery } = this.deps;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: 'techdocs',
    });
    const baseUrl = await discovery.getBaseUrl('techdocs');
    const result = new Map<string, EntityFacts>();
    const notBuilt = { built: false, pageCount: 0, ageDays: -1 };

    await forEachInParallel(entities, PARALLEL, async entity => {
      const ref = stringifyEntityRef(entity);
      if (!entity.metadata.annotations?.['backstage.io/techdocs-ref']) {
        result.set(ref, notBuilt);
        return;
      }
      const name = [
        entity.metadata.namespace ?? 'default',
        entity.kind,
        entity.metadata.name,
      ]
        .map(encodeURIComponent)
        .join('/');
      try {
        const res = await fetch(`${baseUrl}/metadata/techdocs/${name}`, {
          headers: { Authorization: `Bearer ${token}` },
          signal: options.signal,
        });
        if (res.status === 404) {
          result.set(ref, notBuilt);
          return;
        }
        if (!res.ok) throw new Error(`TechDocs answered HTTP ${res.status}`);
        const metadata = (await res.json()) as {
          build_timestamp?: number;
          files?: string[];
        };
        result.set(ref, {
          built: true,
          pageCount: (metadata.files ?? []).filter(
            f => f === 'index.html' || f.endsWith('/index.html'),
          ).length,
          ageDays: metadata.build_timestamp
            ? Math.floor((Date.now() - metadata.build_timestamp) / 86_400_000)
            : 0,
        });
      } catch (e) {
        result.set(ref, e instanceof Error ? e : new Error(String(e)));
      }
    });
    return result;
  }
}
