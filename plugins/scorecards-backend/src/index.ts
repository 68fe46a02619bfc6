/**
 * Scorecards backend: evaluates catalog entities against scorecards defined as
 * code, and serves results, aggregates and history.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
export { ScorecardsService } from './service/ScorecardsService';
export type {
  ScorecardsServiceOptions,
  ScorecardScope,
} from './service/ScorecardsService';
export type {
  ChangedEntitiesOutcome,
  FullRunOutcome,
} from './runs/ScorecardRunner';
export { CatalogFactProvider } from './providers/CatalogFactProvider';
