export { scorecardsApiRef } from './ScorecardsApi';
export type {
  AggregatesQuery,
  CheckEntitiesPageQuery,
  HistoryQuery,
  ScorecardsApi,
  ScorecardScope,
} from './ScorecardsApi';
export { ScorecardsClient } from './ScorecardsClient';
