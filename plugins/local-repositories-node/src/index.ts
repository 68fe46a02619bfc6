/**
 * Git repositories on the portal's own disk, shared by the scaffolder actions
 * that create them and the catalog provider that registers them.
 *
 * @packageDocumentation
 */
export * from './paths';
export { createLocalRepository } from './createLocalRepository';
export { commitToLocalRepository } from './commitToLocalRepository';
