/**
 * Extension point for adding scorecard fact providers from backend modules.
 *
 * @packageDocumentation
 */
export * from './FactProvider';
export * from './extensions';
