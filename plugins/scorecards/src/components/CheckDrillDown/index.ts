export { CheckDrillDown } from './CheckDrillDown';
export type { CheckDrillDownProps } from './CheckDrillDown';
