import { LoggerService } from '@backstage/backend-plugin-api';

/** Pending refs are evaluated once none has been added for this long. */
export const RELATED_QUIET_MS = 15_000;

/**
 * ...but no later than this after the oldest pending one was added, so a
 * catalog that never goes quiet (a long first ingestion) still gets them.
 * Not shorter: a pass re-evaluates every related entity (at 10,000 entities
 * thousands of groups, systems and APIs), and at 2 minutes it ran in the
 * middle of the bench's ingestion and slowed the catalog's last third.
 */
export const RELATED_MAX_WAIT_MS = 10 * 60_000;

/** After a failed pass, the refs are kept and tried again this much later. */
export const RELATED_RETRY_MS = 60_000;

/**
 * The entities related to changed ones, waiting to be evaluated together:
 * during an ingestion the same groups, systems and APIs are announced as
 * related by nearly every change batch, and evaluating them once when the
 * batches stop (or every {@link RELATED_MAX_WAIT_MS} while they don't) costs
 * one pass instead of one per batch. A ref that is evaluated anyway (by a
 * change batch or a full run) from data read after it was queued is dropped:
 * that evaluation saw the change that queued it. One pass runs at a time.
 */
export class RelatedEntityQueue {
  /** The refs waiting, each with when it was last queued. */
  private readonly pending = new Map<string, number>();
  /** When the oldest pending ref was added. */
  private oldestAt = 0;
  private lastAddedAt = 0;
  /** No pass before this (set after a failed one). */
  private notBefore = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private closed = false;
  /** Whether the last pass failed (its failure was logged at warn). */
  private failing = false;

  private constructor(
    private readonly options: {
      logger: LoggerService;
      /** Evaluates the refs; throws when it could not (they are tried again). */
      evaluate: (entityRefs: string[]) => Promise<void>;
    },
  ) {}

  /** A queue that hands its refs to `evaluate`, a pass at a time. */
  static create(options: {
    logger: LoggerService;
    evaluate: (entityRefs: string[]) => Promise<void>;
  }): RelatedEntityQueue {
    return new RelatedEntityQueue(options);
  }

  /** Adds refs to evaluate later; each is pending at most once. */
  add(entityRefs: string[]): void {
    if (this.closed || entityRefs.length === 0) return;
    const now = Date.now();
    if (this.pending.size === 0) this.oldestAt = now;
    for (const ref of entityRefs) this.pending.set(ref, now);
    this.lastAddedAt = now;
    this.schedule();
  }

  /**
   * Drops the refs queued before `readAt`: they were just evaluated from
   * what the catalog said at that time, after the change that queued them.
   */
  evaluated(entityRefs: string[], readAt: number): void {
    if (this.pending.size === 0) return;
    for (const ref of entityRefs) {
      const queuedAt = this.pending.get(ref);
      if (queuedAt !== undefined && queuedAt < readAt) this.pending.delete(ref);
    }
    if (this.pending.size === 0) this.schedule();
  }

  /** Drops the pending refs: a full run starting now evaluates them. */
  clear(): void {
    this.pending.clear();
    this.schedule();
  }

  /**
   * Stops the timer and drops the pending refs (the full run is the safety
   * net), waiting for a pass that is running to end.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
    await this.running;
  }

  private schedule() {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.running || this.pending.size === 0) return;
    const due = Math.max(
      Math.min(
        this.lastAddedAt + RELATED_QUIET_MS,
        this.oldestAt + RELATED_MAX_WAIT_MS,
      ),
      this.notBefore,
    );
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.pass().finally(() => {
        this.running = undefined;
        this.schedule();
      });
    }, Math.max(0, due - Date.now()));
    // pending refs must not keep the process alive
    this.timer.unref?.();
  }

  private async pass() {
    const queued = [...this.pending];
    const refs = queued.map(([ref]) => ref);
    const oldestAt = this.oldestAt;
    this.pending.clear();
    try {
      await this.options.evaluate(refs);
      this.failing = false;
    } catch (error) {
      if (this.closed) return;
      // Kept, with the ones added meanwhile, and not tried again before the
      // retry delay (however long they have waited).
      for (const [ref, queuedAt] of queued) {
        if (!this.pending.has(ref)) this.pending.set(ref, queuedAt);
      }
      this.oldestAt = oldestAt;
      this.notBefore = Date.now() + RELATED_RETRY_MS;
      const message = `Scorecards: could not evaluate ${refs.length} ${
        refs.length === 1 ? 'entity' : 'entities'
      } related to changed ones, trying again in ${
        RELATED_RETRY_MS / 1000
      } s: ${error}`;
      if (this.failing) {
        this.options.logger.debug(message);
      } else {
        this.failing = true;
        this.options.logger.warn(
          `${message}; not logged again at warn until a pass works`,
        );
      }
    }
  }
}
