/**
 * The handbook's worked example of a scorecards fact provider.
 *
 * @packageDocumentation
 */
export { scorecardsModuleRuntimeFacts as default } from './module';
export {
  RuntimeFactProvider,
  NODE_VERSION_ANNOTATION,
} from './RuntimeFactProvider';
