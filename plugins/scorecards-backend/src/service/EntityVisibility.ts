import {
  BackstageCredentials,
  CacheService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

const PAGE_SIZE = 1000;
const VISIBLE_TTL_MS = 30_000;

/** Which entities a caller may read, decided by the catalog's read permission. */
export type Visibility =
  | { kind: 'all' }
  | { kind: 'some'; key: string; refs: string[] };

/**
 * Works out which entities' results a caller may read: all of them when the
 * policy allows catalog reads outright, none when it denies them, and
 * otherwise exactly the entities the catalog returns to that caller (cached
 * for half a minute per caller).
 */
export class EntityVisibility {
  constructor(
    private readonly deps: {
      permissions: PermissionsService;
      catalog: CatalogService;
      cache: CacheService;
    },
  ) {}

  async of(credentials: BackstageCredentials): Promise<Visibility> {
    const [decision] = await this.deps.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return { kind: 'all' };
    const principal = credentials.principal as {
      type: string;
      userEntityRef?: string;
      subject?: string;
    };
    const key = `visible:${
      principal.userEntityRef ?? principal.subject ?? principal.type
    }`;
    if (decision.result === AuthorizeResult.DENY) {
      return { kind: 'some', key, refs: [] };
    }
    const cached = await this.deps.cache.get<string[]>(key);
    if (cached) return { kind: 'some', key, refs: cached };

    const refs: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.deps.catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              fields: ['kind', 'metadata.namespace', 'metadata.name'],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      refs.push(...page.items.map(e => stringifyEntityRef(e)));
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    await this.deps.cache.set(key, refs, { ttl: VISIBLE_TTL_MS });
    return { kind: 'some', key, refs };
  }
}
