import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { TechDocsClient } from '@internal/plugin-techdocs-client-node';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';
const PAGE_SIZE = 500;
/** A site that failed is tried again after this long (its reader retries on every view). */
const RETRY_FAILED_MS = 10 * 60 * 1000;

/**
 * Builds the sites of documented entities before anyone opens them.
 *
 * With the Node generator a build takes milliseconds, which is faster than the
 * stock reader's first content request: the reader then shows an empty page
 * until it is reloaded. Building ahead means a first view finds a published
 * site. Sites already published are left to the reader's own refresh checks.
 */
export class SitePrebuilder {
  /** Entities whose site is known to exist, by `uid` (so a re-created entity is built again). */
  private readonly published = new Set<string>();
  /** When an entity's site last failed to build, by `uid`. */
  private readonly failedAt = new Map<string, number>();

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      techdocs: TechDocsClient;
      logger: LoggerService;
    },
  ) {}

  /** One pass over the documented entities; `signal` stops it between and during builds. */
  async run(options?: {
    signal?: AbortSignal;
  }): Promise<{ built: number; failed: number }> {
    const { catalog, auth, techdocs, logger } = this.deps;
    const signal = options?.signal;
    const credentials = await auth.getOwnServiceCredentials();

    let built = 0;
    let failed = 0;
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: PAGE_SIZE }
          : {
              filter: {
                [`metadata.annotations.${TECHDOCS_REF}`]: CATALOG_FILTER_EXISTS,
              },
              fields: [
                'kind',
                'metadata.namespace',
                'metadata.name',
                'metadata.uid',
              ],
              limit: PAGE_SIZE,
            },
        { credentials },
      );
      for (const entity of page.items) {
        signal?.throwIfAborted();
        const uid = entity.metadata.uid;
        if (!uid || this.published.has(uid)) continue;
        if (Date.now() - (this.failedAt.get(uid) ?? 0) < RETRY_FAILED_MS) {
          continue;
        }

        let reason: string;
        try {
          if (await techdocs.getMetadata(entity, { signal })) {
            this.published.add(uid);
            continue;
          }
          const outcome = await techdocs.sync(entity, { signal });
          if (outcome.type === 'finish') {
            this.published.add(uid);
            this.failedAt.delete(uid);
            built += 1;
            continue;
          }
          // The build log already names the file and the problem; the reader
          // shows it again when someone opens these docs.
          reason = outcome.message;
        } catch (e) {
          if (signal?.aborted) throw e;
          reason = String(e);
        }
        this.failedAt.set(uid, Date.now());
        failed += 1;
        logger.warn(
          `Docs of ${stringifyEntityRef(
            entity,
          )} could not be built ahead: ${reason}`,
        );
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    if (built || failed) {
      logger.info(`Built ${built} docs sites ahead, ${failed} failed`);
    }
    return { built, failed };
  }
}
