import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  CheckEntityPage,
  CheckStatus,
  EntityResults,
  GetAggregates,
  GetCheckEntities,
  GetHistory,
  HistoryPointList,
  LeaderboardEntryList,
  ScorecardAggregateList,
  ScorecardList,
} from '@internal/plugin-scorecards-common';

export type { ScorecardScope } from '@internal/plugin-scorecards-common';

/** Which aggregates to load: a scorecard, a group or a system. */
export type AggregatesQuery = GetAggregates['query'];

/** Which daily level counts to load: an entity, a group or a system, and how many days back. */
export type HistoryQuery = GetHistory['query'];

/** Which page of a check's entities to load (the status is its own argument). */
export type CheckEntitiesPageQuery = Omit<GetCheckEntities['query'], 'status'>;

/** Reads scorecard definitions and results from the scorecards backend. */
export interface ScorecardsApi {
  /** The loaded scorecards, and problems found in their definition files. */
  listScorecards(): Promise<ScorecardList>;

  /** An entity's result on every scorecard that applies to it. */
  getEntityResults(
    entityRef: string | CompoundEntityRef,
  ): Promise<EntityResults>;

  /** Evaluates one entity now and returns its new results. */
  refreshEntity(entityRef: string | CompoundEntityRef): Promise<EntityResults>;

  /** Level distribution and per-check counts, per scorecard. */
  getAggregates(query?: AggregatesQuery): Promise<ScorecardAggregateList>;

  /** Every group's standing on a scorecard, best first. */
  getLeaderboard(scorecardId: string): Promise<LeaderboardEntryList>;

  /**
   * One page of the entities with a given status on one check (failing by
   * default), by entity ref, with how many there are on all pages.
   */
  getCheckEntities(
    scorecardId: string,
    checkId: string,
    status?: CheckStatus,
    page?: CheckEntitiesPageQuery,
  ): Promise<CheckEntityPage>;

  /** Daily level counts of a scorecard, oldest first. */
  getHistory(
    scorecardId: string,
    query?: HistoryQuery,
  ): Promise<HistoryPointList>;
}

/** The API ref of {@link ScorecardsApi}. */
export const scorecardsApiRef = createApiRef<ScorecardsApi>().with({
  id: 'plugin.scorecards.api',
  pluginId: 'scorecards',
});
