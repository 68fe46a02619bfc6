import { useApi } from '@backstage/frontend-plugin-api';
import {
  EntityScorecardResult,
  Scorecard,
} from '@internal/plugin-scorecards-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { scorecardsApiRef } from '../../api';

/**
 * Loads an entity's scorecard results and the scorecard definitions, and
 * re-evaluates the entity on demand.
 */
export function useEntityScorecards(entityRef: string) {
  const api = useApi(scorecardsApiRef);

  const loaded = useAsync(async () => {
    const [list, results] = await Promise.all([
      api.listScorecards(),
      api.getEntityResults(entityRef),
    ]);
    return { scorecards: list.items, results: results.results };
  }, [api, entityRef]);

  const [refreshed, setRefreshed] = useState<{
    entityRef: string;
    results: EntityScorecardResult[];
  }>();

  const [refreshState, refresh] = useAsyncFn(async () => {
    const response = await api.refreshEntity(entityRef);
    setRefreshed({ entityRef, results: response.results });
  }, [api, entityRef]);

  const scorecards: Scorecard[] = loaded.value?.scorecards ?? [];
  const results =
    refreshed?.entityRef === entityRef
      ? refreshed.results
      : loaded.value?.results;

  return {
    loading: loaded.loading,
    error: loaded.error,
    scorecards,
    results,
    refresh,
    refreshing: refreshState.loading,
    refreshError: refreshState.error,
  };
}
