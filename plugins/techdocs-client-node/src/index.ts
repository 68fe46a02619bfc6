/**
 * A backend's client of the TechDocs backend: published site metadata,
 * builds through `/sync`, and the Node generator module's docs build states
 * (with the generated types of its OpenAPI spec).
 *
 * @packageDocumentation
 */

export { TechDocsClient } from './TechDocsClient';
export type {
  TechDocsEntity,
  TechDocsSiteMetadata,
  TechDocsSyncOutcome,
} from './types';
export * from './schema/openapi';
