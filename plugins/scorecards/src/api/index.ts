export { scorecardsApiRef } from './ScorecardsApi';
export type { ScorecardsApi } from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';
export type {
  AggregatesQuery,
  EntityResults,
  HistoryQuery,
  ItemsResponse,
  ScorecardList,
  ScorecardScope,
} from './types';
