export { LevelChip } from './LevelChip';
export type { LevelChipProps } from './LevelChip';
