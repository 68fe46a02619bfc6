/**
 * Scaffolder actions for Greenroom's golden-path templates.
 *
 * @packageDocumentation
 */
export { scaffolderModuleGoldenPaths as default } from './module';
