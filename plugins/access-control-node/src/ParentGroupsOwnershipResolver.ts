import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { AuthOwnershipResolver } from '@backstage/plugin-auth-node';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** Deeper org charts are cut here, so a parent loop in the org data cannot hang sign-in. */
const MAX_DEPTH = 20;

/**
 * The ownership refs put in a user's token at sign-in: the user, the groups
 * they are a member of, and every parent of those groups. So a member of
 * team-payments-api owns, for the catalog's IS_ENTITY_OWNER rule and for
 * roles granted to a group, what team-payments owns.
 */
export class ParentGroupsOwnershipResolver implements AuthOwnershipResolver {
  private constructor(
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
  ) {}

  static create(options: {
    catalog: CatalogService;
    auth: AuthService;
  }): ParentGroupsOwnershipResolver {
    return new ParentGroupsOwnershipResolver(options.catalog, options.auth);
  }

  async resolveOwnershipEntityRefs(
    entity: Entity,
  ): Promise<{ ownershipEntityRefs: string[] }> {
    const refs = new Set([stringifyEntityRef(entity)]);
    let next = targets(entity, RELATION_MEMBER_OF);
    const credentials = await this.auth.getOwnServiceCredentials();
    for (let depth = 0; depth < MAX_DEPTH && next.length; depth++) {
      const fresh = next.filter(ref => !refs.has(ref));
      fresh.forEach(ref => refs.add(ref));
      if (!fresh.length) break;
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: fresh, fields: ['kind', 'metadata', 'relations'] },
        { credentials },
      );
      next = items.flatMap(group =>
        group ? targets(group, RELATION_CHILD_OF) : [],
      );
    }
    return { ownershipEntityRefs: [...refs] };
  }
}

function targets(entity: Entity, type: string): string[] {
  return (entity.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
}
