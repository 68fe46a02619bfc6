import {
  CheckEntity,
  CheckStatus,
  EntityScorecardResult,
  HistoryPoint,
  LeaderboardEntry,
  Scorecard,
  ScorecardAggregate,
  ScorecardDefinitionError,
} from '@internal/plugin-scorecards-common';

/** The loaded scorecards and the problems found in their files. */
export interface ScorecardList {
  items: Scorecard[];
  errors: ScorecardDefinitionError[];
}

/** An entity's result on every scorecard that applies to it. */
export interface EntityResults {
  entityRef: string;
  results: EntityScorecardResult[];
}

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
  /** How many days back, 1 to 730. */
  days?: number;
}

/** A list response of the scorecards backend. */
export interface ItemsResponse<T> {
  items: T[];
}

export type {
  CheckEntity,
  CheckStatus,
  EntityScorecardResult,
  HistoryPoint,
  LeaderboardEntry,
  Scorecard,
  ScorecardAggregate,
  ScorecardDefinitionError,
};
