export { ScorecardResultCard } from './ScorecardResultCard';
export type { ScorecardResultCardProps } from './ScorecardResultCard';
