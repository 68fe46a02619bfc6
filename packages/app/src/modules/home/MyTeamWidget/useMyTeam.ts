import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';

/** What the home page shows of the signed-in user's team. */
export type MyTeam = {
  team: Entity;
  components: Entity[];
};

/**
 * Loads the first group the signed-in user is a member of, and the
 * components that group owns. Resolves to undefined for users in no group.
 */
export function useMyTeam() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);

  return useAsync(async (): Promise<MyTeam | undefined> => {
    const { userEntityRef } = await identityApi.getBackstageIdentity();
    const user = await catalogApi.getEntityByRef(userEntityRef);
    const teamRef = user?.relations?.find(
      r => r.type === RELATION_MEMBER_OF,
    )?.targetRef;
    if (!teamRef) {
      return undefined;
    }
    const [team, owned] = await Promise.all([
      catalogApi.getEntityByRef(teamRef),
      catalogApi.getEntities({
        filter: { kind: 'Component', 'relations.ownedBy': teamRef },
        order: { field: 'metadata.name', order: 'asc' },
      }),
    ]);
    if (!team) {
      return undefined;
    }
    return { team, components: owned.items };
  }, [identityApi, catalogApi]);
}

/** The entity ref of a team, for links and keys. */
export const teamRef = (team: Entity) => stringifyEntityRef(team);
