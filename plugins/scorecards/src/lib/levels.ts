import {
  LevelCount,
  Scorecard,
  ScorecardLevel,
} from '@internal/plugin-scorecards-common';

/** The title shown for entities that reached no level. */
export const NO_LEVEL_TITLE = 'No level';

/** One bar of a level distribution: a level (or none) and its count. */
export interface LevelShare {
  /** The level id, or null for "no level". */
  level: string | null;
  title: string;
  count: number;
  /** Share of the total, 0..100, rounded to whole percent. */
  percent: number;
}

/** The title of a level id (or "No level" for null), falling back to the id. */
export function levelTitle(
  scorecard: Scorecard | undefined,
  level: string | null,
): string {
  if (level === null) {
    return NO_LEVEL_TITLE;
  }
  return scorecard?.levels.find(l => l.id === level)?.title ?? level;
}

/**
 * Orders level counts as "No level" first, then the scorecard's levels lowest
 * first; levels without a count show as 0, unknown ones are kept at the end.
 */
export function levelShares(
  scorecard: Scorecard | undefined,
  counts: LevelCount[],
): LevelShare[] {
  const byLevel = new Map<string | null, number>();
  for (const { level, count } of counts) {
    byLevel.set(level, (byLevel.get(level) ?? 0) + count);
  }
  const ids: Array<string | null> = [
    null,
    ...(scorecard?.levels.map(l => l.id) ?? []),
  ];
  for (const level of byLevel.keys()) {
    if (!ids.includes(level)) {
      ids.push(level);
    }
  }
  const total = [...byLevel.values()].reduce((sum, n) => sum + n, 0);
  return ids.map(level => {
    const count = byLevel.get(level) ?? 0;
    return {
      level,
      title: levelTitle(scorecard, level),
      count,
      percent: total > 0 ? Math.round((count / total) * 100) : 0,
    };
  });
}

/** The count of one level (null: no level) in a list of level counts. */
export function countOf(counts: LevelCount[], level: string | null): number {
  return counts
    .filter(c => c.level === level)
    .reduce((sum, c) => sum + c.count, 0);
}

const namedColors: Record<string, string> = {
  bronze: '#b87333',
  silver: '#8e9aa6',
  gold: '#d4a017',
  platinum: '#5f9ea0',
};

const palette = ['#7986cb', '#4db6ac', '#81c784', '#ffb74d', '#ba68c8'];

/** A stable colour for a level: medal colours for bronze/silver/gold, else by rank. */
export function levelColor(
  scorecard: Scorecard | undefined,
  level: string | null,
): string {
  if (level === null) {
    return '#9e9e9e';
  }
  const levels: ScorecardLevel[] = scorecard?.levels ?? [];
  const found = levels.find(l => l.id === level);
  const named =
    namedColors[level.toLocaleLowerCase('en-US')] ??
    (found && namedColors[found.title.toLocaleLowerCase('en-US')]);
  if (named) {
    return named;
  }
  const index = found ? levels.indexOf(found) : 0;
  return palette[index % palette.length];
}
