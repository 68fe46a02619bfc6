import { CompoundEntityRef, Entity } from '@backstage/catalog-model';

/**
 * An entity whose docs the client asks about: the entity itself, its
 * compound ref, or its ref string (`component:default/orders`).
 *
 * @public
 */
export type TechDocsEntity = Entity | CompoundEntityRef | string;

/**
 * A published site's `techdocs_metadata.json`, as the TechDocs backend serves
 * it. Unlike `TechDocsMetadata` of `@backstage/plugin-techdocs-node`, every
 * field is optional: sites published by other tools (the TechDocs CLI, older
 * generators) may lack any of them, and a `null` is read as missing.
 *
 * @public
 */
export interface TechDocsSiteMetadata {
  site_name?: string;
  site_description?: string;
  /** The source's version the site was built from, e.g. a commit sha. */
  etag?: string;
  /** When the site was built, in milliseconds since the epoch. */
  build_timestamp?: number;
  /** The site's files, relative to its root (`index.html`, `guide/index.html`, ...). */
  files?: string[];
}

/**
 * How the TechDocs backend's `/sync` ended: its last event.
 *
 * - `finish`: the site is published; `updated` tells whether this sync
 *   rebuilt it (`false`: it was current, or checked too recently).
 * - `error`: the build failed; `message` is TechDocs' reason, which names the
 *   file and the problem.
 *
 * @public
 */
export type TechDocsSyncOutcome =
  | { type: 'finish'; updated: boolean }
  | { type: 'error'; message: string };
