import {
  AuthService,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';

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
      discovery: DiscoveryService;
      logger: LoggerService;
    },
  ) {}

  async run(): Promise<{ built: number; failed: number }> {
    const { catalog, auth, discovery, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'techdocs',
    });
    const baseUrl = await discovery.getBaseUrl('techdocs');
    const headers = { Authorization: `Bearer ${token}` };

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
        const uid = entity.metadata.uid;
        if (!uid || this.published.has(uid)) continue;
        if (Date.now() - (this.failedAt.get(uid) ?? 0) < RETRY_FAILED_MS) {
          continue;
        }
        const path = [
          entity.metadata.namespace ?? 'default',
          entity.kind,
          entity.metadata.name,
        ]
          .map(encodeURIComponent)
          .join('/');

        const metadata = await fetch(`${baseUrl}/metadata/techdocs/${path}`, {
          headers,
        });
        if (metadata.ok) {
          this.published.add(uid);
          continue;
        }

        const sync = await fetch(`${baseUrl}/sync/${path}`, {
          headers: { ...headers, Accept: 'text/event-stream' },
        });
        const outcome = lastEvent(await sync.text());
        if (outcome?.type === 'finish') {
          this.published.add(uid);
          this.failedAt.delete(uid);
          built += 1;
        } else {
          this.failedAt.set(uid, Date.now());
          // The build log already names the file and the problem; the reader
          // shows it again when someone opens these docs.
          failed += 1;
          logger.warn(
            `Docs of ${stringifyEntityRef(entity)} could not be built ahead: ${
              outcome?.data ?? `HTTP ${sync.status}`
            }`,
          );
        }
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);

    if (built || failed) {
      logger.info(`Built ${built} docs sites ahead, ${failed} failed`);
    }
    return { built, failed };
  }
}

/** The last server-sent event of a finished /sync stream. */
function lastEvent(stream: string): { type: string; data: string } | undefined {
  const events = stream.split('\n\n').filter(e => e.startsWith('event: '));
  const last = events[events.length - 1];
  if (!last) return undefined;
  const [typeLine, ...dataLines] = last.split('\n');
  return {
    type: typeLine.slice('event: '.length),
    data: parseData(dataLines.map(l => l.replace(/^data: /, '')).join('\n')),
  };
}

function parseData(data: string): string {
  try {
    const value = JSON.parse(data);
    return typeof value === 'string' ? value : data;
  } catch {
    return data;
  }
}
