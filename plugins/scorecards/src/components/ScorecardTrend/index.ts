export { ScorecardTrend } from './ScorecardTrend';
export type { ScorecardTrendProps } from './ScorecardTrend';
