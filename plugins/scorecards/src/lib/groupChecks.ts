import {
  CheckResult,
  EntityScorecardResult,
  Scorecard,
  ScorecardCheck,
} from '@internal/plugin-scorecards-common';

/** A check of a scorecard with this entity's result on it, if any. */
export interface CheckRow {
  check: ScorecardCheck;
  result?: CheckResult;
}

/** The checks of one level, lowest level first. */
export interface CheckGroup {
  /** The level id, or null for checks of no known level. */
  level: string | null;
  title: string;
  rows: CheckRow[];
}

/**
 * Joins a scorecard's checks with an entity's results and groups them by
 * level, lowest first. Results of checks the definition no longer has are kept
 * under "Other checks".
 */
export function groupChecks(
  scorecard: Scorecard | undefined,
  result: EntityScorecardResult,
): CheckGroup[] {
  const resultsById = new Map(result.checks.map(c => [c.checkId, c]));
  const checks: ScorecardCheck[] = [...(scorecard?.checks ?? [])];
  for (const r of result.checks) {
    if (!checks.some(c => c.id === r.checkId)) {
      checks.push({ id: r.checkId, title: r.checkId, level: '' });
    }
  }

  const levels = scorecard?.levels ?? [];
  const groups: CheckGroup[] = levels.map(level => ({
    level: level.id,
    title: level.title,
    rows: [],
  }));
  const other: CheckGroup = { level: null, title: 'Other', rows: [] };

  for (const check of checks) {
    const group = groups.find(g => g.level === check.level) ?? other;
    group.rows.push({ check, result: resultsById.get(check.id) });
  }
  return [...groups, other].filter(g => g.rows.length > 0);
}

/** What it takes to reach the next level: its title and the checks to fix. */
export interface NextLevel {
  title: string;
  toFix: CheckRow[];
}

/**
 * The level above the one reached and the not-passing checks up to it, or
 * undefined at the top level.
 */
export function nextLevel(
  scorecard: Scorecard | undefined,
  result: EntityScorecardResult,
): NextLevel | undefined {
  const levels = scorecard?.levels ?? [];
  const next = levels[result.levelIndex + 1];
  if (!next) {
    return undefined;
  }
  const upTo = new Set(
    levels.slice(0, result.levelIndex + 2).map(level => level.id),
  );
  const toFix = groupChecks(scorecard, result)
    .filter(group => group.level !== null && upTo.has(group.level))
    .flatMap(group => group.rows)
    .filter(row => row.result?.status !== 'pass');
  return { title: next.title, toFix };
}
