export { LevelDistribution } from './LevelDistribution';
export type { LevelDistributionProps } from './LevelDistribution';
