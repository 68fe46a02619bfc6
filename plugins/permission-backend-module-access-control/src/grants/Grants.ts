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

  private constructor(private readonly store: GrantStore) {}

  static create(options: { store: GrantStore }): Grants {
    return new Grants(options.store);
  }

  async current(now = Date.now()): Promise<StoredGrant[]> {
    if (this.loaded && now - this.loaded.at < MAX_AGE_MS) {
      return this.loaded.grants;
    }
    this.loading ??= this.store
      .list()
      .then(grants => {
        this.loaded = { at: Date.now(), grants };
        return grants;
      })
      .finally(() => {
        this.loading = undefined;
      });
    return this.loading;
  }

  /** Forgets what was read, after a change. */
  invalidate() {
    this.loaded = undefined;
  }
}
