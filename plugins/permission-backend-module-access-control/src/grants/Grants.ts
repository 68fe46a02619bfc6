import { GrantStore, StoredGrant } from './GrantStore';

/** How stale a replica's view of the granted roles may be. */
const MAX_AGE_MS = 5_000;

/**
 * The granted roles, read from the store at most every few seconds: every
 * permission decision needs them, and another replica's grant shows here
 * within {@link MAX_AGE_MS}. This replica's own changes show at once.
 */
export class Grants {
  private loaded?: { at: number; grants: StoredGrant[] };
  private loading?: Promise<StoredGrant[]>;
  /** Bumped by each change: a read that began before it must not be kept. */
  private generation = 0;

  private constructor(private readonly store: GrantStore) {}

  static create(options: { store: GrantStore }): Grants {
    return new Grants(options.store);
  }

  async current(now = Date.now()): Promise<StoredGrant[]> {
    if (this.loaded && now - this.loaded.at < MAX_AGE_MS) {
      return this.loaded.grants;
    }
    if (!this.loading) {
      const generation = this.generation;
      const loading = this.store
        .list()
        .then(grants => {
          if (generation === this.generation) {
            this.loaded = { at: Date.now(), grants };
          }
          return grants;
        })
        .finally(() => {
          if (this.loading === loading) this.loading = undefined;
        });
      this.loading = loading;
    }
    return this.loading;
  }

  /** Forgets what was read, after a change. */
  invalidate() {
    this.generation++;
    this.loaded = undefined;
    this.loading = undefined;
  }
}
