import { createHash } from 'node:crypto';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LocationSpec } from '@backstage/plugin-catalog-common';
import {
  CatalogProcessor,
  CatalogProcessorCache,
  CatalogProcessorEmit,
} from '@backstage/plugin-catalog-node';
import stableStringify from 'fast-json-stable-stringify';

/** The key of the entity's hash in this processor's cache. */
const CACHE_KEY = 'hash';

/** Entities whose last announced hash an instance remembers (about 100 bytes each). */
const MAX_REMEMBERED = 200_000;

/** Where the processor hands the refs of changed entities. */
export interface EntityChangeSink {
  /** Queues the ref of an entity whose processed form changed. */
  add(entityRef: string): void;
}

/**
 * Hashes each entity after every other processor has post-processed it, and
 * hands its ref to the sink when the hash differs from the one in this
 * processor's cache, which the catalog keeps per entity in its refresh state
 * (so it is shared by replicas and survives restarts). An unchanged entity
 * costs one hash.
 */
export class EntityChangesProcessor implements CatalogProcessor {
  readonly #sink: EntityChangeSink;
  /**
   * The hash last announced per ref, by this instance. The catalog keeps the
   * cache only after a run without errors, so an entity whose processing
   * keeps failing would otherwise be announced on every processing loop.
   */
  readonly #announced = new Map<string, string>();

  private constructor(sink: EntityChangeSink) {
    this.#sink = sink;
  }

  /** Creates the processor, queuing changed refs on `sink`. */
  static create(options: { sink: EntityChangeSink }): EntityChangesProcessor {
    return new EntityChangesProcessor(options.sink);
  }

  getProcessorName(): string {
    return 'EntityChangesProcessor';
  }

  /** Last: the hash covers what every other processor made of the entity. */
  getPriority(): number {
    return 1000;
  }

  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const hash = hashEntity(entity);
    if ((await cache.get<string>(CACHE_KEY)) !== hash) {
      // Persisted by the catalog only when the whole run succeeds; a run that
      // fails keeps the old hash, and the next run sees it again.
      await cache.set(CACHE_KEY, hash);
      const ref = stringifyEntityRef(entity);
      if (this.#announced.get(ref) !== hash) {
        this.#remember(ref, hash);
        this.#sink.add(ref);
      }
    }
    return entity;
  }

  /** Remembers the ref's hash, forgetting the oldest beyond {@link MAX_REMEMBERED}. */
  #remember(ref: string, hash: string) {
    this.#announced.delete(ref);
    this.#announced.set(ref, hash);
    if (this.#announced.size > MAX_REMEMBERED) {
      this.#announced.delete(this.#announced.keys().next().value!);
    }
  }
}

/** A hash of the entity's content, leaving out what the catalog assigns. */
function hashEntity(entity: Entity): string {
  const { uid: _uid, etag: _etag, ...metadata } = entity.metadata;
  return createHash('sha256')
    .update(stableStringify({ ...entity, metadata }))
    .digest('base64url');
}
