import { Scorecard } from '@internal/plugin-scorecards-common';
import { toTrendData } from './history';

const scorecard: Scorecard = {
  id: 'prod',
  title: 'Prod',
  appliesTo: {},
  levels: [
    { id: 'bronze', title: 'Bronze' },
    { id: 'gold', title: 'Gold' },
  ],
  checks: [],
};

describe('toTrendData', () => {
  it('makes one row per day and one series per level, "No level" first', () => {
    const { series, rows } = toTrendData(scorecard, [
      { day: '2025-11-19', levels: [{ level: null, count: 2 }] },
      {
        day: '2025-11-20',
        levels: [
          { level: null, count: 1 },
          { level: 'gold', count: 1 },
        ],
      },
    ]);

    expect(series.map(s => s.title)).toEqual(['No level', 'Bronze', 'Gold']);
    expect(rows).toEqual([
      { day: '2025-11-19', s0: 2, s1: 0, s2: 0 },
      { day: '2025-11-20', s0: 1, s1: 0, s2: 1 },
    ]);
  });
});
