/**
 * The handbook's worked example of a scaffolder action.
 *
 * @packageDocumentation
 */
export { scaffolderModuleCodeowners as default } from './module';
export { createWriteCodeownersAction } from './actions/writeCodeowners';
