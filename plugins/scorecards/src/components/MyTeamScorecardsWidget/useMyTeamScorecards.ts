import {
  Entity,
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/frontend-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  Scorecard,
  ScorecardAggregate,
} from '@internal/plugin-scorecards-common';
import useAsync from 'react-use/esm/useAsync';
import { scorecardsApiRef } from '../../api';

/** The signed-in user's team and its standing on every scorecard. */
export interface MyTeamScorecards {
  team: Entity;
  teamRef: string;
  scorecards: Scorecard[];
  aggregates: ScorecardAggregate[];
}

/**
 * Finds the first group the signed-in user is a member of (as the app's "My
 * team" widget does) and loads that group's aggregates, child groups
 * included. Resolves to undefined for users in no group.
 */
export function useMyTeamScorecards() {
  const identityApi = useApi(identityApiRef);
  const catalogApi = useApi(catalogApiRef);
  const scorecardsApi = useApi(scorecardsApiRef);

  return useAsync(async (): Promise<MyTeamScorecards | undefined> => {
    const { userEntityRef } = await identityApi.getBackstageIdentity();
    const user = await catalogApi.getEntityByRef(userEntityRef);
    const groupRef = user?.relations?.find(
      r => r.type === RELATION_MEMBER_OF,
    )?.targetRef;
    if (!groupRef) {
      return undefined;
    }
    const team = await catalogApi.getEntityByRef(groupRef);
    if (!team) {
      return undefined;
    }
    const teamRef = stringifyEntityRef(team);
    const [list, aggregates] = await Promise.all([
      scorecardsApi.listScorecards(),
      scorecardsApi.getAggregates({ group: teamRef }),
    ]);
    return {
      team,
      teamRef,
      scorecards: list.items,
      aggregates: aggregates.items,
    };
  }, [identityApi, catalogApi, scorecardsApi]);
}
