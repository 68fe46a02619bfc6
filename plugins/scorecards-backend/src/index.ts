/**
 * Scorecards backend: evaluates catalog entities against scorecards defined as
 * code, and serves results, aggregates and history.
 *
 * @packageDocumentation
 */
export { scorecardsPlugin as default } from './plugin';
