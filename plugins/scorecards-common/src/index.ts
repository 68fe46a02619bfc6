/**
 * Types and permissions shared by Greenroom's scorecards plugins.
 *
 * @packageDocumentation
 */
export * from './types';
export * from './permissions';
