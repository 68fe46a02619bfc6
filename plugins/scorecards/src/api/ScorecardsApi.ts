import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  AggregatesQuery,
  CheckEntity,
  CheckStatus,
  EntityResults,
  HistoryPoint,
  HistoryQuery,
  ItemsResponse,
  LeaderboardEntry,
  ScorecardAggregate,
  ScorecardList,
} from './types';

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
  getAggregates(
    query?: AggregatesQuery,
  ): Promise<ItemsResponse<ScorecardAggregate>>;

  /** Every group's standing on a scorecard, best first. */
  getLeaderboard(scorecardId: string): Promise<ItemsResponse<LeaderboardEntry>>;

  /** The entities with a given status on one check (failing by default). */
  getCheckEntities(
    scorecardId: string,
    checkId: string,
    status?: CheckStatus,
  ): Promise<ItemsResponse<CheckEntity>>;

  /** Daily level counts of a scorecard, oldest first. */
  getHistory(
    scorecardId: string,
    query?: HistoryQuery,
  ): Promise<ItemsResponse<HistoryPoint>>;
}

/** The API ref of {@link ScorecardsApi}. */
export const scorecardsApiRef = createApiRef<ScorecardsApi>().with({
  id: 'plugin.scorecards.api',
  pluginId: 'scorecards',
});
