import {
  CheckStatus,
  EntityScorecardResult,
  ScorecardAggregate,
} from '@internal/plugin-scorecards-common';
import { LoadedScorecard } from '../definitions/types';

/** A check that did not pass, with what to do about it. */
export interface CheckToFix {
  checkId: string;
  title: string;
  /** The level the check belongs to. */
  level: string;
  status: Exclude<CheckStatus, 'pass'>;
  /** Why it failed or errored. */
  reason?: string;
  /** How to fix it, in Markdown. */
  fix?: string;
}

/** How one entity stands on one scorecard, in words a reader (or an agent) can act on. */
export interface EntityScorecardReport {
  scorecardId: string;
  title: string;
  /** The level reached, null when none. */
  level: { id: string; title: string } | null;
  /** The next level up, null when the top one is reached. */
  nextLevel: { id: string; title: string } | null;
  passed: number;
  total: number;
  evaluatedAt: string;
  /** The checks that did not pass, lowest level first. */
  checksToFix: CheckToFix[];
}

/**
 * Joins an entity's stored results with their scorecards' definitions (titles,
 * levels, fix texts). Results of a scorecard that no longer exists are left
 * out; a check no longer in its scorecard too.
 */
export function entityReport(
  results: EntityScorecardResult[],
  scorecardOf: (id: string) => LoadedScorecard | undefined,
): EntityScorecardReport[] {
  const reports: EntityScorecardReport[] = [];
  for (const result of results) {
    const scorecard = scorecardOf(result.scorecardId);
    if (!scorecard) continue;
    const levelAt = (i: number) => {
      const level = scorecard.levels[i];
      return level ? { id: level.id, title: level.title } : null;
    };
    const order = (levelId: string) =>
      scorecard.levels.findIndex(l => l.id === levelId);
    const checksToFix: CheckToFix[] = [];
    for (const checkResult of result.checks) {
      if (checkResult.status === 'pass') continue;
      const check = scorecard.checks.find(c => c.id === checkResult.checkId);
      if (!check) continue;
      checksToFix.push({
        checkId: check.id,
        title: check.title,
        level: check.level,
        status: checkResult.status,
        ...(checkResult.reason && { reason: checkResult.reason }),
        ...(check.fix && { fix: check.fix }),
      });
    }
    checksToFix.sort((a, b) => order(a.level) - order(b.level));
    reports.push({
      scorecardId: scorecard.id,
      title: scorecard.title,
      level: levelAt(result.levelIndex),
      nextLevel: levelAt(result.levelIndex + 1),
      passed: result.passed,
      total: result.total,
      evaluatedAt: result.evaluatedAt,
      checksToFix,
    });
  }
  return reports;
}

/** A check, and how many of the entities in scope do not pass it. */
export interface WorstCheck {
  scorecardId: string;
  scorecardTitle: string;
  checkId: string;
  title: string;
  level: string;
  fail: number;
  error: number;
  /** Entities in scope the scorecard applies to. */
  total: number;
  fix?: string;
}

/**
 * The checks most entities in scope do not pass, most first (failures and
 * errors together, then the lower level, then by id); checks every entity
 * passes are left out.
 */
export function worstChecks(
  aggregates: ScorecardAggregate[],
  scorecardOf: (id: string) => LoadedScorecard | undefined,
  limit: number,
): WorstCheck[] {
  const checks: Array<WorstCheck & { levelIndex: number }> = [];
  for (const aggregate of aggregates) {
    const scorecard = scorecardOf(aggregate.scorecardId);
    if (!scorecard) continue;
    for (const counts of aggregate.checks) {
      if (counts.fail + counts.error === 0) continue;
      const check = scorecard.checks.find(c => c.id === counts.checkId);
      if (!check) continue;
      checks.push({
        scorecardId: scorecard.id,
        scorecardTitle: scorecard.title,
        checkId: check.id,
        title: check.title,
        level: check.level,
        levelIndex: scorecard.levels.findIndex(l => l.id === check.level),
        fail: counts.fail,
        error: counts.error,
        total: aggregate.total,
        ...(check.fix && { fix: check.fix }),
      });
    }
  }
  return checks
    .sort(
      (a, b) =>
        b.fail + b.error - (a.fail + a.error) ||
        a.levelIndex - b.levelIndex ||
        `${a.scorecardId}/${a.checkId}`.localeCompare(
          `${b.scorecardId}/${b.checkId}`,
        ),
    )
    .slice(0, limit)
    .map(({ levelIndex: _, ...check }) => check);
}
