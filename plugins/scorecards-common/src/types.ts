/** The outcome of one check for one entity. */
export type CheckStatus = 'pass' | 'fail' | 'error';

/** Which entities a scorecard applies to; every listed field must match. */
export interface ScorecardFilter {
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  /** The entity has at least one of these tags. */
  tags?: string[];
  /** Owner entity refs, e.g. `group:default/team-payments`. */
  owner?: string[];
}

/** A check as the API and the UI see it (its condition stays on the backend). */
export interface ScorecardCheck {
  id: string;
  title: string;
  description?: string;
  /** How to fix a failing check, in Markdown. */
  fix?: string;
  /** The id of the level this check belongs to. */
  level: string;
}

/** One level of a scorecard, lowest first. */
export interface ScorecardLevel {
  id: string;
  title: string;
}

/** A scorecard definition, as the API returns it. */
export interface Scorecard {
  id: string;
  title: string;
  description?: string;
  appliesTo: ScorecardFilter;
  levels: ScorecardLevel[];
  checks: ScorecardCheck[];
}

/** A problem in a scorecard file, reported at start-up or reload. */
export interface ScorecardDefinitionError {
  file: string;
  scorecard?: string;
  check?: string;
  message: string;
}

/** One check's result for one entity. */
export interface CheckResult {
  checkId: string;
  status: CheckStatus;
  /** Why it failed or errored. */
  reason?: string;
}

/** An entity's result for one scorecard. */
export interface EntityScorecardResult {
  scorecardId: string;
  entityRef: string;
  /** The highest level whose checks, and all lower levels' checks, pass; null when none. */
  level: string | null;
  /** Index of `level` in the scorecard's levels, -1 when none. */
  levelIndex: number;
  passed: number;
  total: number;
  checks: CheckResult[];
  /** ISO timestamp. */
  evaluatedAt: string;
}

/** How many entities reached each level (null: none). */
export interface LevelCount {
  level: string | null;
  count: number;
}

/** How many entities pass, fail and error on one check. */
export interface CheckCounts {
  checkId: string;
  pass: number;
  fail: number;
  error: number;
}

/** A scorecard's results over a set of entities. */
export interface ScorecardAggregate {
  scorecardId: string;
  total: number;
  levels: LevelCount[];
  checks: CheckCounts[];
}

/** A group's standing on one scorecard, counting its child groups' entities. */
export interface LeaderboardEntry {
  groupRef: string;
  title?: string;
  total: number;
  levels: LevelCount[];
  /** Share of the checks passed across the group's entities, 0..1. */
  passRate: number;
}

/** An entity failing (or erroring on) one check. */
export interface CheckEntity {
  entityRef: string;
  status: CheckStatus;
  reason?: string;
  level: string | null;
}

/** Level counts on one day. */
export interface HistoryPoint {
  /** `YYYY-MM-DD` */
  day: string;
  levels: LevelCount[];
}
