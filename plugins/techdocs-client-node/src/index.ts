/**
 * A backend's client of the TechDocs backend: published site metadata, and
 * builds through `/sync`.
 *
 * @packageDocumentation
 */

export { TechDocsClient } from './TechDocsClient';
export type {
  TechDocsEntity,
  TechDocsSiteMetadata,
  TechDocsSyncOutcome,
} from './types';
