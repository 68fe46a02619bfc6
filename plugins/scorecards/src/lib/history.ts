import { HistoryPoint, Scorecard } from '@internal/plugin-scorecards-common';
import { countOf, levelColor, levelShares } from './levels';

/** One stacked series of the trend chart. */
export interface TrendSeries {
  /** The data key of the series in each chart row. */
  key: string;
  title: string;
  color: string;
}

/** Chart rows (one per day) and the series to draw, "No level" first. */
export interface TrendData {
  series: TrendSeries[];
  rows: Array<Record<string, string | number>>;
}

/** Turns daily level counts into rows for a stacked chart. */
export function toTrendData(
  scorecard: Scorecard | undefined,
  points: HistoryPoint[],
): TrendData {
  const shares = levelShares(
    scorecard,
    points.flatMap(p => p.levels),
  );
  const series = shares.map((share, index) => ({
    key: `s${index}`,
    title: share.title,
    color: levelColor(scorecard, share.level),
    level: share.level,
  }));
  const rows = points.map(point => {
    const row: Record<string, string | number> = { day: point.day };
    for (const s of series) {
      row[s.key] = countOf(point.levels, s.level);
    }
    return row;
  });
  return {
    series: series.map(({ key, title, color }) => ({ key, title, color })),
    rows,
  };
}
