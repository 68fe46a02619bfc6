/**
 * Builds TechDocs sites in-process with Node: no Python, no Docker.
 *
 * @packageDocumentation
 */
export { techdocsModuleNodeGenerator as default } from './module';
export { NodeTechdocsGenerator } from './NodeTechdocsGenerator';
export type { NodeTechdocsGeneratorOptions } from './NodeTechdocsGenerator';
export { DocsBuildError } from './DocsBuildError';
