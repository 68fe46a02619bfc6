import { AuthService } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ProviderCounts } from '@internal/plugin-setup-common';
import { ConfiguredProvider } from '../status/catalogProviders';

const LOCATION_FACET = `metadata.annotations.${ANNOTATION_LOCATION}`;
const ORIGIN_FACET = `metadata.annotations.${ANNOTATION_ORIGIN_LOCATION}`;

type FacetCounts = Array<{ value: string; count: number }>;

const sum = (counts: FacetCounts, matches: (value: string) => boolean) =>
  counts.reduce((n, { value, count }) => (matches(value) ? n + count : n), 0);

/**
 * How many of the catalog's entities came from each provider, counted by the
 * location annotations the providers set: at most three facet queries,
 * whatever the number of providers.
 */
export class ProviderEntityCounts {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): ProviderEntityCounts {
    return new ProviderEntityCounts(options.catalog, options.auth);
  }

  /** The counts of each provider, in the order given. */
  async count(providers: ConfiguredProvider[]): Promise<ProviderCounts[]> {
    const hasOrg = providers.some(p => p.match.kind === 'org');
    const hasDiscovery = providers.some(p => p.match.kind === 'discovery');
    const [users, groups, origins] = await Promise.all([
      hasOrg ? this.facet(LOCATION_FACET, 'user') : [],
      hasOrg ? this.facet(LOCATION_FACET, 'group') : [],
      hasDiscovery ? this.facet(ORIGIN_FACET) : [],
    ]);
    return providers.map(({ match }) => {
      if (match.kind === 'org') {
        return {
          users: sum(users, v => match.users.test(v)),
          groups: sum(groups, v => match.groups.test(v)),
        };
      }
      // Each catalog file found is one Location entity, whose origin is its
      // own target; the entities read from it share that origin.
      const fromDiscovery = origins.filter(({ value }) =>
        value.toLocaleLowerCase('en-US').startsWith(match.originPrefix),
      );
      const all = sum(fromDiscovery, () => true);
      return {
        locations: fromDiscovery.length,
        entities: all - fromDiscovery.length,
      };
    });
  }

  private async facet(facet: string, kind?: string): Promise<FacetCounts> {
    const { facets } = await this.catalog.getEntityFacets(
      { facets: [facet], ...(kind && { filter: { kind } }) },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return facets[facet] ?? [];
  }
}
