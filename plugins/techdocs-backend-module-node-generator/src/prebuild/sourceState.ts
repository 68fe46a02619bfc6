import { createHash } from 'node:crypto';
import {
  ANNOTATION_LOCATION,
  ANNOTATION_SOURCE_LOCATION,
  Entity,
} from '@backstage/catalog-model';

/** The annotation that makes an entity documented. */
export const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const TECHDOCS_ENGINE = 'backstage.io/techdocs-engine';

/**
 * The entity fields that decide a site's build, and that the prebuilder
 * fetches from the catalog (annotations as a whole: the catalog's `fields`
 * cannot pick one annotation, whose key has dots).
 */
export const SOURCE_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.uid',
  'metadata.etag',
  'metadata.title',
  'metadata.annotations',
];

/** Bump when what goes into the hash changes: every site is built again once. */
const VERSION = 1;

/**
 * A hash of what decides the build of an entity's site, so that a site is
 * built again exactly when one of these changed:
 *
 * - `metadata.uid`: a deleted and re-created entity is built again;
 * - `backstage.io/techdocs-ref`: where the docs are;
 * - `backstage.io/source-location` and `backstage.io/managed-by-location`:
 *   what a `dir:` ref is relative to;
 * - `backstage.io/techdocs-engine`: which generator builds it;
 * - `metadata.title`: the site name when `mkdocs.yml` has none.
 *
 * Not `metadata.etag`, which changes with any edit of the entity, its
 * relations included. Changes to the docs files themselves do not change the
 * entity: the reader's own refresh check (the TechDocs `/sync` when the docs
 * are opened) picks those up, as in stock TechDocs.
 */
export function sourceStateHash(entity: Entity): string {
  const annotations = entity.metadata.annotations ?? {};
  const decisive = [
    VERSION,
    entity.metadata.uid ?? null,
    annotations[TECHDOCS_REF] ?? null,
    annotations[ANNOTATION_SOURCE_LOCATION] ?? null,
    annotations[ANNOTATION_LOCATION] ?? null,
    annotations[TECHDOCS_ENGINE] ?? null,
    entity.metadata.title ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(decisive)).digest('hex');
}

/** The entity has docs for TechDocs to build. */
export function isDocumented(entity: Entity): boolean {
  return Boolean(entity.metadata.annotations?.[TECHDOCS_REF]);
}
