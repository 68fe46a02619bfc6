/** Why the policy did not simply allow a permission to a user. */
export type Denial = {
  /** The permission's name, e.g. catalog.entity.delete. */
  permission: string;
  /** Denied outright, or allowed only where a rule holds (the plugin then applied it). */
  result: 'DENY' | 'CONDITIONAL';
  /** One sentence: what was denied, what the user's roles allow, and who would be allowed. */
  message: string;
  /** The roles, and the ownership, that grant the permission. */
  grantedBy: string[];
};

const KEEP_MS = 15_000;
const PER_USER = 20;
const USERS = 10_000;

/**
 * The policy's recent denials per user, so that a 403 answered to that user
 * can say which permission was denied and what would grant it. The plugin
 * that answers 403 asked the permission backend over HTTP, without anything
 * that ties the two requests together; the user and the moment do. In one
 * process: the policy and the HTTP server of one backend share it.
 */
export class RecentDenials {
  private readonly byUser = new Map<string, Array<Denial & { at: number }>>();
  private lastAt = 0;

  /**
   * Remembers a denial of the user's, and forgets the users whose denials are
   * all too old to explain a 403 (and the oldest beyond a bound).
   */
  record(userEntityRef: string, denial: Denial, now = Date.now()) {
    const key = userEntityRef.toLocaleLowerCase('en-US');
    const list = (this.byUser.get(key) ?? []).filter(
      d => now - d.at < KEEP_MS && d.permission !== denial.permission,
    );
    list.push({ ...denial, at: now });
    this.lastAt = now;
    this.byUser.delete(key);
    this.byUser.set(key, list.slice(-PER_USER));
    if (this.byUser.size > USERS) {
      this.byUser.delete(this.byUser.keys().next().value!);
    }
    // Users are in the order of their latest denial: the stale ones are first.
    for (const [oldKey, oldList] of this.byUser) {
      if (now - oldList[oldList.length - 1].at < KEEP_MS) break;
      this.byUser.delete(oldKey);
    }
  }

  /** How many users have denials kept. */
  get users(): number {
    return this.byUser.size;
  }

  /**
   * The user's latest denial recorded at or after `since` (the start of the
   * request being answered), preferring an outright one; none older than a
   * few seconds.
   */
  latest(
    userEntityRef: string,
    options: { since: number },
    now = Date.now(),
  ): Denial | undefined {
    const recent = (
      this.byUser.get(userEntityRef.toLocaleLowerCase('en-US')) ?? []
    ).filter(d => d.at >= options.since && now - d.at < KEEP_MS);
    const last = recent.filter(d => d.result === 'DENY').pop() ?? recent.pop();
    if (!last) return undefined;
    const { at: _at, ...denial } = last;
    return denial;
  }

  /** Whether anything was recorded at or after `since`: most 403s need no more. */
  anySince(since: number): boolean {
    return this.lastAt >= since;
  }
}

/** The backend's one record of recent denials (its policy writes, its HTTP server reads). */
export const recentDenials = new RecentDenials();
