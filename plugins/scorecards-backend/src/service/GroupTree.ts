import { AuthService } from '@backstage/backend-plugin-api';
import {
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

const TTL_MS = 60_000;

interface GroupInfo {
  title?: string;
  children: string[];
}

/** The catalog's groups and their children, re-read at most once a minute. */
export class GroupTree {
  private loaded?: { at: number; groups: Promise<Record<string, GroupInfo>> };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
    },
  ) {}

  /** Every group, with its title and child groups. */
  groups(): Promise<Record<string, GroupInfo>> {
    if (!this.loaded || Date.now() - this.loaded.at > TTL_MS) {
      const groups = this.read();
      this.loaded = { at: Date.now(), groups };
      groups.catch(() => {
        this.loaded = undefined;
      });
    }
    return this.loaded.groups;
  }

  private async read(): Promise<Record<string, GroupInfo>> {
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'spec.profile.displayName',
          'relations',
        ],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const groups: Record<string, GroupInfo> = {};
    for (const g of items) {
      const profile = (g.spec as any)?.profile;
      groups[stringifyEntityRef(g)] = {
        title: profile?.displayName ?? g.metadata.title,
        children: (g.relations ?? [])
          .filter(r => r.type === RELATION_PARENT_OF)
          .map(r => r.targetRef),
      };
    }
    return groups;
  }

  /** The group and all groups below it. */
  async withDescendants(groupRef: string): Promise<string[]> {
    return descendants(await this.groups(), groupRef);
  }
}

/** The group and every group below it, each once (cycles are tolerated). */
export function descendants(
  groups: Record<string, GroupInfo>,
  groupRef: string,
): string[] {
  const seen = new Set<string>();
  const visit = (ref: string) => {
    if (seen.has(ref)) return;
    seen.add(ref);
    for (const child of groups[ref]?.children ?? []) visit(child);
  };
  visit(groupRef);
  return [...seen];
}
