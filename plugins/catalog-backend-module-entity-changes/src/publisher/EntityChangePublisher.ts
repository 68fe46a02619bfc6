import { LoggerService } from '@backstage/backend-plugin-api';
import { toError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CATALOG_ENTITY_CHANGES_MAX_REFS,
  CATALOG_ENTITY_CHANGES_TOPIC,
  CatalogEntityChangesPayload,
} from '@internal/plugin-catalog-entity-changes-node';
import { EntityChangeSink } from '../processor/EntityChangesProcessor';

/** The shortest time between two rounds of publishing. */
const PUBLISH_INTERVAL_MS = 1000;

/**
 * Collects the refs of changed entities and publishes them on
 * {@link CATALOG_ENTITY_CHANGES_TOPIC} at most once a second, in events of at
 * most 500 refs. A failed publish is logged once at warn until one succeeds
 * again (logged once at info); its refs are not published again.
 */
export class EntityChangePublisher implements EntityChangeSink {
  readonly #events: EventsService;
  readonly #logger: LoggerService;
  readonly #queue = new Set<string>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastRound = -Infinity;
  #publishing: Promise<void> | undefined;
  #failedRefs = 0;
  #closed = false;

  private constructor(events: EventsService, logger: LoggerService) {
    this.#events = events;
    this.#logger = logger;
  }

  /** Creates a publisher on the catalog's events service. */
  static create(options: {
    events: EventsService;
    logger: LoggerService;
  }): EntityChangePublisher {
    return new EntityChangePublisher(options.events, options.logger);
  }

  add(entityRef: string): void {
    if (this.#closed) {
      return;
    }
    this.#queue.add(entityRef);
    this.#schedule();
  }

  /** Publishes what is queued and stops (call from a shutdown hook). */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
    await this.#publishing;
    await this.#publishRound();
  }

  #schedule() {
    if (this.#timer || this.#publishing || this.#closed) {
      return;
    }
    const wait = Math.max(
      0,
      this.#lastRound + PUBLISH_INTERVAL_MS - Date.now(),
    );
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.#publishing = this.#publishRound().finally(() => {
        this.#publishing = undefined;
        if (this.#queue.size > 0) {
          this.#schedule();
        }
      });
    }, wait);
  }

  async #publishRound() {
    this.#lastRound = Date.now();
    const refs = [...this.#queue];
    this.#queue.clear();
    for (let i = 0; i < refs.length; i += CATALOG_ENTITY_CHANGES_MAX_REFS) {
      const entityRefs = refs.slice(i, i + CATALOG_ENTITY_CHANGES_MAX_REFS);
      const eventPayload: CatalogEntityChangesPayload = { entityRefs };
      try {
        await this.#events.publish({
          topic: CATALOG_ENTITY_CHANGES_TOPIC,
          eventPayload,
        });
        if (this.#failedRefs > 0) {
          this.#logger.info(
            `Entity changes are published again; ${
              this.#failedRefs
            } changed entities were not announced, the consumers' full runs catch them`,
          );
          this.#failedRefs = 0;
        }
      } catch (error) {
        if (this.#failedRefs === 0) {
          this.#logger.warn(
            `Failed to publish ${
              entityRefs.length
            } entity changes on ${CATALOG_ENTITY_CHANGES_TOPIC}: ${
              toError(error).message
            }`,
          );
        }
        this.#failedRefs += entityRefs.length;
      }
    }
  }
}
