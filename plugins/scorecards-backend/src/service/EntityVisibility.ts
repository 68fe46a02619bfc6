import { createHash } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  CacheService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

const PAGE_SIZE = 1000;
const HIDDEN_TTL_MS = 30_000;

/** Which entities a caller may read, decided by the catalog's read permission. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'none'; key: string }
  /** Every entity but `refs`. */
  | { kind: 'except'; key: string; refs: string[] };

/**
 * Works out which entities' results a caller may read: all of them when the
 * policy allows catalog reads outright, none when it denies them, and
 * otherwise every entity but those the catalog hides from the caller.
 *
 * A conditional read usually hides few entities (the templates that are not
 * recommended), so the hidden ones are what is looked for, not the readable
 * ones: the kinds whose counts differ between the caller's catalog and the
 * whole one are compared entity by entity, the others not at all. Which
 * entities a condition hides depends only on the condition, so the answer
 * is cached for half a minute per condition, shared by everyone it applies
 * to.
 */
export class EntityVisibility {
  private constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      cache: CacheService;
      auth: AuthService;
    },
  ) {}

  static create(deps: {
    permissions: PermissionsService;
    catalog: CatalogService;
    cache: CacheService;
    auth: AuthService;
  }): EntityVisibility {
    return new EntityVisibility(deps);
  }

  async of(credentials: BackstageCredentials): Promise<Visibility> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { kind: 'all' };
    if (decision.result !== AuthorizeResult.CONDITIONAL) {
      return { kind: 'none', key: 'none' };
    }
    const key = `hidden:${createHash('sha256')
      .update(JSON.stringify(decision.conditions))
      .digest('base64url')}`;
    const cached = await this.deps.cache.get<string[]>(key);
    if (cached) return { kind: 'except', key, refs: cached };

    const refs = await this.hiddenFrom(credentials);
    await this.deps.cache.set(key, refs, { ttl: HIDDEN_TTL_MS });
    return { kind: 'except', key, refs };
  }

  private async hiddenFrom(credentials: BackstageCredentials) {
    const service = await this.deps.auth.getOwnServiceCredentials();
    const [theirs, every] = await Promise.all([
      this.countsByKind(credentials),
      this.countsByKind(service),
    ]);
    const hidden: string[] = [];
    for (const [kind, count] of every) {
      if (theirs.get(kind) === count) continue;
      const [readable, all] = await Promise.all([
        this.refsOfKind(kind, credentials),
        this.refsOfKind(kind, service),
      ]);
      hidden.push(...[...all].filter(ref => !readable.has(ref)));
    }
    return hidden;
  }

  private async countsByKind(credentials: BackstageCredentials) {
    const { facets } = await this.deps.catalog.getEntityFacets(
      { facets: ['kind'] },
      { credentials },
    );
    const counts = new Map<string, number>();
    for (const { value, count } of facets.kind ?? []) {
      const kind = value.toLocaleLowerCase('en-US');
      counts.set(kind, (counts.get(kind) ?? 0) + count);
    }
    return counts;
  }

  private async refsOfKind(
    kind: string,
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const refs = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: { kind },
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) refs.add(stringifyEntityRef(entity));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return refs;
  }
}
