import { Scorecard } from '@internal/plugin-scorecards-common';
import { levelColor, levelShares, levelTitle } from './levels';

const scorecard: Scorecard = {
  id: 'production-readiness',
  title: 'Production readiness',
  appliesTo: {},
  levels: [
    { id: 'bronze', title: 'Bronze' },
    { id: 'silver', title: 'Silver' },
    { id: 'gold', title: 'Gold' },
  ],
  checks: [],
};

describe('levels', () => {
  it('titles levels, "No level" for null and the id when unknown', () => {
    expect(levelTitle(scorecard, 'silver')).toBe('Silver');
    expect(levelTitle(scorecard, null)).toBe('No level');
    expect(levelTitle(scorecard, 'diamond')).toBe('diamond');
  });

  it('orders shares as no level, then lowest to highest, with percentages', () => {
    const shares = levelShares(scorecard, [
      { level: 'gold', count: 1 },
      { level: null, count: 2 },
      { level: 'bronze', count: 1 },
    ]);
    expect(shares).toEqual([
      { level: null, title: 'No level', count: 2, percent: 50 },
      { level: 'bronze', title: 'Bronze', count: 1, percent: 25 },
      { level: 'silver', title: 'Silver', count: 0, percent: 0 },
      { level: 'gold', title: 'Gold', count: 1, percent: 25 },
    ]);
  });

  it('gives medal colours to medal levels', () => {
    expect(levelColor(scorecard, 'gold')).toBe('#d4a017');
    expect(levelColor(scorecard, null)).toBe('#9e9e9e');
  });
});
