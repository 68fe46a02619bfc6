import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, toError } from '@backstage/errors';
import { EventsService } from '@backstage/plugin-events-node';
import {
  CATALOG_ENTITY_CHANGES_MAX_REFS,
  CATALOG_ENTITY_CHANGES_TOPIC,
  readCatalogEntityChangesPayload,
} from './topic';

/** Delays before the 1st, 2nd and 3rd retry of a ref the handler returned. */
// Up to about 8 minutes: during a large first ingestion the catalog may stitch
// an announced entity minutes later.
const RETRY_DELAYS_MS = [5_000, 15_000, 45_000, 120_000, 300_000];
/** First pause after a handler threw; doubles per failure up to the max. */
const FAILURE_BACKOFF_START_MS = 5_000;
const FAILURE_BACKOFF_MAX_MS = 60_000;
const DEFAULT_SETTLE_MS = 2_000;
/** {@link CatalogEntityChanges.whenQuiet}: no change for this long means the catalog is not ingesting. */
const DEFAULT_QUIET_MS = 30_000;
// The full-run tasks time out after 30 min; a first ingestion of 100,000
// entities takes 17 to 40 min on 2 cores, so a full pass at start-up often
// finds the catalog still busy and skips its turn.
const DEFAULT_QUIET_MAX_WAIT_MS = 25 * 60_000;

/**
 * What a subscriber's handler returns: refs in `retry` are delivered again
 * later (5 s, 15 s, 45 s, 2 min, 5 min), then dropped.
 *
 * @public
 */
export type CatalogEntityChangesResult = void | { retry?: string[] };

/**
 * Handles one batch of changed entity refs.
 *
 * @public
 */
export type CatalogEntityChangesHandler = (
  entityRefs: string[],
) => Promise<CatalogEntityChangesResult>;

type QueuedRef = {
  /** when the ref may be delivered (epoch ms) */
  dueAt: number;
  /** 0 for a fresh change, n for the n-th retry */
  attempt: number;
};

/**
 * Delivers the catalog's entity-change feed to one subscriber: deduplicated
 * batches of at most 500 refs, each ref held back `settleMs` after it was
 * announced so the catalog has stitched it, one handler call at a time,
 * retrying the refs the handler asks for and backing off while it throws.
 *
 * A change is only a hint: the handler fetches the entities itself and
 * compares them with its own persisted state. Deleted entities are not
 * announced.
 *
 * @public
 */
export class CatalogEntityChanges {
  readonly #events: EventsService;
  readonly #logger: LoggerService;
  readonly #subscriberId: string;
  readonly #settleMs: number;

  /** refs waiting for delivery; a ref is in here at most once */
  readonly #queue = new Map<string, QueuedRef>();
  #handler: CatalogEntityChangesHandler | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #timerAt = 0;
  #delivering = false;
  #closed = false;
  #pausedUntil = 0;
  #failures: { count: number; since: number } | undefined;
  #warnedBadPayload = false;
  #lastReceivedAt = 0;

  private constructor(options: {
    events: EventsService;
    logger: LoggerService;
    subscriberId: string;
    settleMs: number;
  }) {
    this.#events = options.events;
    this.#logger = options.logger;
    this.#subscriberId = options.subscriberId;
    this.#settleMs = options.settleMs;
  }

  /**
   * Creates a subscriber of the feed; nothing is delivered until
   * {@link CatalogEntityChanges.subscribe} is called.
   */
  static create(options: {
    events: EventsService;
    logger: LoggerService;
    /** events subscription id: one delivery per id across replicas */
    subscriberId: string;
    /** wait after the first ref of a batch, so the catalog has stitched it (default 2000) */
    settleMs?: number;
  }): CatalogEntityChanges {
    const settleMs = options.settleMs ?? DEFAULT_SETTLE_MS;
    if (!Number.isFinite(settleMs) || settleMs < 0) {
      throw new InputError(
        `CatalogEntityChanges: settleMs must be a finite number of milliseconds ≥ 0, got ${settleMs}`,
      );
    }
    if (!options.subscriberId) {
      throw new InputError('CatalogEntityChanges: subscriberId is required');
    }
    return new CatalogEntityChanges({ ...options, settleMs });
  }

  /**
   * Calls `handler` with deduplicated batches (≤ 500) of refs of entities that changed,
   * one call at a time. Refs the handler returns in `retry` (e.g. not stitched yet: not
   * found, or etag unchanged) are delivered again after 5 s, 15 s, 45 s, 2 min and 5 min, then dropped
   * (the consumer's slow full reconciliation is the safety net). When the handler throws
   * (catalog unreachable), the batch is kept and delivered again with backoff up to 60 s;
   * logged once at warn when failures start and once at info when they stop.
   */
  async subscribe(handler: CatalogEntityChangesHandler): Promise<void> {
    if (this.#handler) {
      throw new ConflictError(
        `CatalogEntityChanges '${this.#subscriberId}' is already subscribed`,
      );
    }
    this.#handler = handler;
    await this.#events.subscribe({
      id: this.#subscriberId,
      topics: [CATALOG_ENTITY_CHANGES_TOPIC],
      // Only queues: the events service counts an event as delivered once
      // this returns, and with a local publisher it awaits this call.
      onEvent: async ({ eventPayload }) => this.#receive(eventPayload),
    });
  }

  /**
   * Resolves `true` once this instance has received no change for `quietMs`
   * (default 30 s): the catalog is not ingesting, so a consumer's full pass
   * (its safety net) goes behind the catalog's own work. Resolves `false`
   * after `maxWaitMs` (default 25 min) of changes that did not stop, when
   * `signal` aborts, or once closed: a scheduled full pass then skips its
   * turn, since the feed is delivering what it would find. With replicas,
   * each sees the changes delivered to it.
   */
  async whenQuiet(options?: {
    quietMs?: number;
    maxWaitMs?: number;
    signal?: AbortSignal;
  }): Promise<boolean> {
    const quietMs = options?.quietMs ?? DEFAULT_QUIET_MS;
    const giveUpAt =
      Date.now() + (options?.maxWaitMs ?? DEFAULT_QUIET_MAX_WAIT_MS);
    for (;;) {
      const now = Date.now();
      const quietAt = this.#lastReceivedAt + quietMs;
      if (now >= quietAt) return true;
      if (now >= giveUpAt || this.#closed || options?.signal?.aborted) {
        return false;
      }
      await wait(Math.min(quietAt, giveUpAt) - now, options?.signal);
    }
  }

  /** Stops timers (call from a shutdown hook). */
  close(): void {
    this.#closed = true;
    if (this.#timer) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  #receive(payload: unknown) {
    if (this.#closed) {
      return;
    }
    const entityRefs = readCatalogEntityChangesPayload(payload);
    if (!entityRefs) {
      const message = `CatalogEntityChanges '${
        this.#subscriberId
      }' ignored an event on ${CATALOG_ENTITY_CHANGES_TOPIC} whose payload is not { entityRefs: string[] }`;
      if (this.#warnedBadPayload) {
        this.#logger.debug(message);
      } else {
        this.#warnedBadPayload = true;
        this.#logger.warn(message);
      }
      return;
    }
    this.#lastReceivedAt = Date.now();
    const dueAt = this.#lastReceivedAt + this.#settleMs;
    for (const ref of entityRefs) {
      // a new announcement restarts the ref's retries and its settle time
      this.#queue.delete(ref);
      this.#queue.set(ref, { dueAt, attempt: 0 });
    }
    this.#schedule();
  }

  /** Sets the one timer for the earliest moment something can be delivered. */
  #schedule() {
    if (this.#closed || this.#delivering || this.#queue.size === 0) {
      return;
    }
    let next = Infinity;
    for (const { dueAt } of this.#queue.values()) {
      if (dueAt < next) {
        next = dueAt;
      }
    }
    next = Math.max(next, this.#pausedUntil);
    if (this.#timer) {
      if (this.#timerAt <= next) {
        return;
      }
      clearTimeout(this.#timer);
    }
    this.#timerAt = next;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#deliver();
    }, Math.max(0, next - Date.now()));
  }

  async #deliver() {
    const handler = this.#handler;
    if (this.#closed || this.#delivering || !handler) {
      return;
    }
    const now = Date.now();
    const batch = new Map<string, number>();
    for (const [ref, { dueAt, attempt }] of this.#queue) {
      if (dueAt <= now) {
        batch.set(ref, attempt);
        if (batch.size === CATALOG_ENTITY_CHANGES_MAX_REFS) {
          break;
        }
      }
    }
    if (now < this.#pausedUntil || batch.size === 0) {
      this.#schedule();
      return;
    }
    for (const ref of batch.keys()) {
      this.#queue.delete(ref);
    }

    this.#delivering = true;
    try {
      const result = await handler([...batch.keys()]);
      this.#succeeded(batch, result);
    } catch (error) {
      this.#failed(batch, error);
    } finally {
      this.#delivering = false;
    }
    this.#schedule();
  }

  #succeeded(batch: Map<string, number>, result: CatalogEntityChangesResult) {
    const now = Date.now();
    if (this.#failures) {
      this.#logger.info(
        `CatalogEntityChanges '${this.#subscriberId}' delivers again after ${
          this.#failures.count
        } failed attempts over ${Math.round(
          (now - this.#failures.since) / 1000,
        )} s`,
      );
      this.#failures = undefined;
      this.#pausedUntil = 0;
    }
    for (const ref of new Set(result?.retry ?? [])) {
      if (this.#queue.has(ref)) {
        continue; // announced again while the handler ran: delivered fresh
      }
      const attempt = (batch.get(ref) ?? 0) + 1;
      if (attempt > RETRY_DELAYS_MS.length) {
        continue; // dropped: the consumer's full reconciliation catches it
      }
      this.#queue.set(ref, {
        dueAt: now + RETRY_DELAYS_MS[attempt - 1],
        attempt,
      });
    }
  }

  #failed(batch: Map<string, number>, error: unknown) {
    const now = Date.now();
    if (this.#failures) {
      this.#failures.count += 1;
    } else {
      this.#failures = { count: 1, since: now };
      this.#logger.warn(
        `CatalogEntityChanges '${this.#subscriberId}' failed to handle ${
          batch.size
        } changed entities; keeping them and trying again with backoff up to ${
          FAILURE_BACKOFF_MAX_MS / 1000
        } s: ${toError(error).message}`,
      );
    }
    this.#pausedUntil =
      now +
      Math.min(
        FAILURE_BACKOFF_START_MS * 2 ** (this.#failures.count - 1),
        FAILURE_BACKOFF_MAX_MS,
      );
    for (const [ref, attempt] of batch) {
      if (!this.#queue.has(ref)) {
        this.#queue.set(ref, { dueAt: now, attempt });
      }
    }
  }
}

/** Waits `ms` or until `signal` aborts, without keeping the process alive. */
function wait(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    timer = setTimeout(done, ms);
    timer.unref?.();
    signal?.addEventListener('abort', done, { once: true });
  });
}
