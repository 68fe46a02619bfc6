import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
} from '@backstage/catalog-model';
import { InputError, toError } from '@backstage/errors';
import {
  PublisherBase,
  TechDocsMetadata,
} from '@backstage/plugin-techdocs-node';
import { BuildState, BuildStatus } from '@internal/plugin-techdocs-client-node';
import { PrebuildStore, PrebuiltSite } from './PrebuildStore';
import { countPages } from './SiteBuilder';
import { isSiteRef } from './siteRef';

/** Published sites read at the same time. */
const PARALLEL = 16;
/**
 * How long what the publisher holds for an entity is reused while its
 * prebuild row stays the same. Scorecards ask for every entity they
 * evaluate, and the local publisher answers with synchronous file system
 * calls on the main thread; a site the reader's own build published shows
 * after this long at the latest.
 */
const PUBLISHED_CACHE_MS = 5 * 60_000;

type CachedPublished = {
  until: number;
  /** the prebuild row the answer was read with: a new build or failure reads again */
  row: string;
  metadata: TechDocsMetadata | undefined;
};

/**
 * The docs build state of entities, for the `/node-generator/build-states`
 * route: what the prebuilder recorded ({@link PrebuildStore}), and what the
 * TechDocs publisher holds now, which also shows sites that the reader's own
 * builds published.
 */
export class SiteBuildStates {
  /** States read from `store` and `publisher`. */
  static create(options: {
    store: PrebuildStore;
    publisher: PublisherBase;
  }): SiteBuildStates {
    return new SiteBuildStates(options.store, options.publisher);
  }

  private readonly published = new Map<string, CachedPublished>();
  private nextSweepAt = 0;

  private constructor(
    private readonly store: PrebuildStore,
    private readonly publisher: PublisherBase,
  ) {}

  /**
   * One state per ref, in the order given.
   *
   * @throws InputError naming the first ref that is not a valid entity ref.
   */
  async get(entityRefs: string[]): Promise<BuildState[]> {
    entityRefs.forEach(parseValidRef);
    this.sweep();
    const rows = await this.store.getSites(entityRefs);
    const states: BuildState[] = new Array(entityRefs.length);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < entityRefs.length; i = next++) {
        states[i] = await this.state(entityRefs[i], rows.get(entityRefs[i]));
      }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    return states;
  }

  private async state(
    entityRef: string,
    row: PrebuiltSite | undefined,
  ): Promise<BuildState> {
    const status = statusOf(row);
    const failedAt = status === 'failed' ? row?.failedAt ?? null : null;
    const state: BuildState = {
      entityRef,
      status,
      buildFails: false,
      failure:
        status === 'failed' && failedAt
          ? { reason: row?.failureReason ?? '', at: failedAt.toISOString() }
          : null,
      published: false,
      builtAt: null,
      pageCount: 0,
    };
    try {
      const metadata = await this.cachedPublishedMetadata(entityRef, row);
      if (metadata) {
        state.published = true;
        state.builtAt =
          typeof metadata.build_timestamp === 'number'
            ? metadata.build_timestamp
            : null;
        state.pageCount = countPages(metadata.files);
      }
    } catch (e) {
      state.error = `The published site's metadata could not be read: ${
        toError(e).message
      }`;
    }
    // A site published after the failure (the reader builds when the docs
    // are opened) means the docs build again.
    state.buildFails =
      failedAt !== null &&
      !(
        state.published &&
        state.builtAt !== null &&
        state.builtAt > failedAt.getTime()
      );
    return state;
  }

  /** {@link SiteBuildStates.publishedMetadata}, reused for a while (errors are not). */
  private async cachedPublishedMetadata(
    entityRef: string,
    row: PrebuiltSite | undefined,
  ): Promise<TechDocsMetadata | undefined> {
    const rowKey = `${
      row?.status
    }:${row?.builtAt?.getTime()}:${row?.failedAt?.getTime()}`;
    const cached = this.published.get(entityRef);
    const now = Date.now();
    if (cached && cached.until > now && cached.row === rowKey) {
      return cached.metadata;
    }
    const metadata = await this.publishedMetadata(
      parseValidRef(entityRef),
      row?.status === 'built',
    );
    this.published.set(entityRef, {
      until: now + PUBLISHED_CACHE_MS,
      row: rowKey,
      metadata,
    });
    return metadata;
  }

  /** Forgets expired answers, at most once per cache period. */
  private sweep() {
    const now = Date.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + PUBLISHED_CACHE_MS;
    for (const [ref, cached] of this.published) {
      if (cached.until <= now) this.published.delete(ref);
    }
  }

  /**
   * The metadata of the entity's published site (one with an `index.html`,
   * as `hasDocsBeenGenerated` checks), undefined when there is none. One
   * publisher call per entity where it can: a site last built by the
   * prebuilder is most likely published, so its metadata is read first,
   * its file list telling that it has an `index.html`; any other site most
   * likely is not, so `hasDocsBeenGenerated` is asked first.
   *
   * @throws when the site is published but its metadata cannot be read.
   */
  private async publishedMetadata(
    ref: CompoundEntityRef,
    likelyPublished: boolean,
  ): Promise<TechDocsMetadata | undefined> {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: ref.kind,
      metadata: { namespace: ref.namespace, name: ref.name },
    };
    if (likelyPublished) {
      let metadata: TechDocsMetadata;
      try {
        metadata = await this.publisher.fetchTechDocsMetadata(ref);
      } catch (e) {
        if (await this.publisher.hasDocsBeenGenerated(entity)) throw e;
        return undefined;
      }
      if (metadata.files?.includes('index.html')) return metadata;
      return (await this.publisher.hasDocsBeenGenerated(entity))
        ? metadata
        : undefined;
    }
    if (!(await this.publisher.hasDocsBeenGenerated(entity))) return undefined;
    return await this.publisher.fetchTechDocsMetadata(ref);
  }
}

/** The ref's parts, which name the published site's folder. */
function parseValidRef(entityRef: string, index = 0): CompoundEntityRef {
  let ref: CompoundEntityRef | undefined;
  try {
    ref = parseEntityRef(entityRef);
  } catch {
    // named below
  }
  if (!ref || !isSiteRef(ref)) {
    throw new InputError(
      `entityRefs[${index}]: '${entityRef}' is not an entity ref (kind:namespace/name)`,
    );
  }
  return ref;
}

function statusOf(row: PrebuiltSite | undefined): BuildStatus {
  if (!row) return 'none';
  if (row.sourceHash === null || row.wantedHash !== row.sourceHash) {
    return 'pending';
  }
  return row.status ?? 'pending';
}
