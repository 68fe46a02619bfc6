import { createApiRef } from '@backstage/frontend-plugin-api';
import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  CheckEntityPage,
  CheckStatus,
  EntityResults,
  HistoryPointList,
  LeaderboardEntryList,
  ScorecardAggregateList,
  ScorecardList,
} from '@internal/plugin-scorecards-common';

/** Narrows aggregates and history to a group (with its child groups) or a system. */
export interface ScorecardScope {
  /** A group entity ref, e.g. `group:default/team-payments`. */
  group?: string;
  /** A system entity ref, e.g. `system:default/payments`. */
  system?: string;
}

/** Which aggregates to load. */
export interface AggregatesQuery extends ScorecardScope {
  /** Only this scorecard's aggregate. */
  scorecard?: string;
}

/** Which daily level counts to load. */
export interface HistoryQuery extends ScorecardScope {
  /** Only this entity, e.g. `component:default/payments-service`. */
  entity?: string;
  /** How many days back, 1 to 730 (default 90). */
  days?: number;
}

/** Which page of a check's entities to load. */
export interface CheckEntitiesPageQuery {
  /** The `nextCursor` of the page before; the first page without it. */
  cursor?: string;
  /** At most this many entities, 1 to 1000 (default 100). */
  limit?: number;
}

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
