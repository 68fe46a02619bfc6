/**
 * Registers the local git repositories the golden-path templates create.
 *
 * @packageDocumentation
 */
export { catalogModuleLocalRepositories as default } from './module';
export { LocalRepositoriesProvider } from './LocalRepositoriesProvider';
