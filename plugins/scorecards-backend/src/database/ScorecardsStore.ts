import { createHash } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import {
  CheckCounts,
  CheckEntity,
  CheckResult,
  CheckStatus,
  EntityScorecardResult,
  HistoryPoint,
  LevelCount,
} from '@internal/plugin-scorecards-common';
import { Knex } from 'knex';
import { Evaluation } from '../evaluation/Evaluator';

const migrationsDir = resolvePackagePath(
  '@internal/plugin-scorecards-backend',
  'migrations',
);
const BATCH = 500;

/** Which stored results a read covers. */
export interface ResultFilter {
  scorecardId?: string;
  /** Entities owned by any of these. */
  ownerRefs?: string[];
  systemRef?: string;
  entityRef?: string;
  /** Only these entities; all when undefined. */
  visibleRefs?: string[];
  /** Not these entities (what the caller may not see). */
  hiddenRefs?: string[];
}

/** A level that went down when results were saved. */
export interface LevelDrop {
  entityRef: string;
  scorecardId: string;
  from: string | null;
  to: string | null;
  ownerRef: string | null;
}

/** Level counts for one owner on one scorecard. */
export interface OwnerLevelCounts {
  ownerRef: string;
  level: string | null;
  count: number;
  passed: number;
  total: number;
}

/** When an entity was last evaluated, and at which etag. */
export interface EvaluatedEntity {
  etag: string;
  evaluatedAt: Date;
}

/** Why a full run of every entity was asked for. */
export type FullRunReason = 'refresh' | 'definitions';

/** A full run asked for. */
export interface FullRunRequest {
  id: number;
  reason: FullRunReason;
  requestedAt: Date;
}

/**
 * Scorecard results, their daily history, the entity etags they were
 * computed at, and the full runs asked for, in Postgres.
 */
export class ScorecardsStore {
  static async create(options: {
    database: DatabaseService;
  }): Promise<ScorecardsStore> {
    const knex = await options.database.getClient();
    assertPostgres(knex);
    if (!options.database.migrations?.skip) {
      await knex.migrate.latest({ directory: migrationsDir });
    }
    return new ScorecardsStore(knex);
  }

  private writes = 0;

  private constructor(private readonly db: Knex) {}

  /**
   * Grows with every write made through this instance, so cached reads can
   * tell they are stale (writes by other replicas are not counted).
   */
  get generation(): number {
    return this.writes;
  }

  /**
   * Stores the results of evaluating these entities (all their scorecards),
   * replacing their earlier results and updating today's history, and
   * records when they were evaluated and at which etag. Rows that would not
   * change are not written (most of an hourly full run). Returns the levels
   * that went down.
   */
  async save(
    evaluations: Evaluation[],
    entities: Array<{ entityRef: string; etag: string }>,
    now = new Date(),
  ): Promise<LevelDrop[]> {
    const refs = entities.map(e => e.entityRef);
    const day = now.toISOString().slice(0, 10);
    const drops: LevelDrop[] = [];
    this.writes += 1;
    await this.db.transaction(async tx => {
      // Saves of the same entity (a full run beside a change batch, or a
      // refresh) wait for each other, in a fixed order so they cannot deadlock.
      await tx.raw(
        'SELECT pg_advisory_xact_lock(hashtext(ref)) FROM unnest(?::text[]) AS ref ORDER BY ref',
        [[...refs].sort()],
      );
      const previous = new Map<string, StoredResult>();
      const today = new Map<string, StoredHistory>();
      for (const chunk of chunks(refs)) {
        const rows: StoredResult[] = await tx('scorecard_results')
          .select(
            'entity_ref',
            'scorecard_id',
            'level',
            'level_index',
            'definition_hash',
            'result_hash',
          )
          .whereIn('entity_ref', chunk);
        for (const r of rows)
          previous.set(`${r.entity_ref}\n${r.scorecard_id}`, r);
        const history: Array<
          StoredHistory & { entity_ref: string; scorecard_id: string }
        > = await tx('scorecard_history')
          .select(
            'entity_ref',
            'scorecard_id',
            'level',
            'level_index',
            'passed',
            'total',
            'owner_ref',
            'system_ref',
          )
          .where({ day })
          .whereIn('entity_ref', chunk);
        for (const r of history)
          today.set(`${r.entity_ref}\n${r.scorecard_id}`, r);
      }
      for (const e of evaluations) {
        const before = previous.get(`${e.entityRef}\n${e.scorecardId}`);
        // A drop is news only when the entity changed: not when the scorecard
        // did, nor when a fact provider failed.
        if (
          before &&
          e.levelIndex < before.level_index &&
          before.definition_hash === e.definitionHash &&
          !e.checks.some(c => c.status === 'error')
        ) {
          drops.push({
            entityRef: e.entityRef,
            scorecardId: e.scorecardId,
            from: before.level,
            to: e.level,
            ownerRef: e.ownerRef,
          });
        }
      }

      // Results of scorecards that no longer apply to these entities go.
      const kept = evaluations.map(e => `${e.entityRef}\n${e.scorecardId}`);
      const keptKeys = new Set(kept);
      const stale = [...previous.keys()].filter(key => !keptKeys.has(key));
      if (stale.length > 0) {
        for (const chunk of chunks(refs)) {
          await tx('scorecard_results')
            .whereIn('entity_ref', chunk)
            .whereRaw("NOT (entity_ref || E'\\n' || scorecard_id = ANY(?))", [
              kept,
            ])
            .delete();
        }
      }
      const changedResults = evaluations
        .map(e => ({ e, hash: resultHash(e) }))
        .filter(
          ({ e, hash }) =>
            previous.get(`${e.entityRef}\n${e.scorecardId}`)?.result_hash !==
            hash,
        );
      for (const chunk of chunks(changedResults)) {
        await tx('scorecard_results')
          .insert(
            chunk.map(({ e, hash }) => ({
              entity_ref: e.entityRef,
              scorecard_id: e.scorecardId,
              level: e.level,
              level_index: e.levelIndex,
              passed: e.passed,
              total: e.total,
              definition_hash: e.definitionHash,
              result_hash: hash,
              checks: JSON.stringify(e.checks),
              failing_checks: ids(e.checks, 'fail'),
              erroring_checks: ids(e.checks, 'error'),
              owner_ref: e.ownerRef,
              system_ref: e.systemRef,
              evaluated_at: now,
            })),
          )
          .onConflict(['entity_ref', 'scorecard_id'])
          .merge();
      }
      const changedHistory = evaluations.filter(
        e => !sameHistory(today.get(`${e.entityRef}\n${e.scorecardId}`), e),
      );
      for (const chunk of chunks(changedHistory)) {
        await tx('scorecard_history')
          .insert(
            chunk.map(e => ({
              entity_ref: e.entityRef,
              scorecard_id: e.scorecardId,
              day,
              level: e.level,
              level_index: e.levelIndex,
              passed: e.passed,
              total: e.total,
              owner_ref: e.ownerRef,
              system_ref: e.systemRef,
            })),
          )
          .onConflict(['entity_ref', 'scorecard_id', 'day'])
          .merge();
      }
      for (const chunk of chunks(entities)) {
        await tx('scorecard_entities')
          .insert(
            chunk.map(e => ({
              entity_ref: e.entityRef,
              etag: e.etag,
              evaluated_at: now,
            })),
          )
          .onConflict('entity_ref')
          .merge();
      }
    });
    return drops;
  }

  /**
   * Refreshes Postgres' statistics of the tables, so that the lookups of a
   * full run by entity ref use the primary keys even when autovacuum has not
   * analyzed them since they grew (seen after the first 100,000 entities:
   * sequential scans made a full run take minutes instead of seconds).
   */
  async analyze(): Promise<void> {
    await this.db.raw(
      'ANALYZE scorecard_results, scorecard_history, scorecard_entities',
    );
  }

  /** Every evaluated entity: when it was last evaluated, and at which etag. */
  async evaluatedEntities(): Promise<Map<string, EvaluatedEntity>> {
    const rows = await this.db('scorecard_entities').select(
      'entity_ref',
      'etag',
      'evaluated_at',
    );
    return new Map(
      rows.map(r => [
        r.entity_ref,
        { etag: r.etag, evaluatedAt: new Date(r.evaluated_at) },
      ]),
    );
  }

  /** The etags these entities had when they were last evaluated (the ones evaluated). */
  async etagsOf(refs: string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const chunk of chunks(refs)) {
      const rows = await this.db('scorecard_entities')
        .select('entity_ref', 'etag')
        .whereIn('entity_ref', chunk);
      for (const r of rows) found.set(r.entity_ref, r.etag);
    }
    return found;
  }

  /**
   * Records that a full run of every entity was asked for, for the next full
   * run to take (whichever replica runs it).
   */
  async requestFullRun(reason: FullRunReason): Promise<void> {
    await this.db('scorecard_run_requests').insert({ reason });
  }

  /** The full runs asked for and not done yet, oldest first. */
  async fullRunRequests(): Promise<FullRunRequest[]> {
    const rows = await this.db('scorecard_run_requests')
      .select('id', 'reason', 'requested_at')
      .orderBy('id');
    return rows.map(r => ({
      id: Number(r.id),
      reason: r.reason,
      requestedAt: new Date(r.requested_at),
    }));
  }

  /** Forgets the requests up to `id`, once a run that read them has ended. */
  async forgetFullRunRequests(id: number): Promise<void> {
    await this.db('scorecard_run_requests').where('id', '<=', id).delete();
  }

  /** Forgets entities that left the catalog: results, history and etag. */
  async deleteEntities(refs: string[]): Promise<void> {
    if (refs.length === 0) return;
    this.writes += 1;
    await this.db.transaction(async tx => {
      for (const chunk of chunks(refs)) {
        for (const table of [
          'scorecard_results',
          'scorecard_history',
          'scorecard_entities',
        ]) {
          await tx(table).whereIn('entity_ref', chunk).delete();
        }
      }
    });
  }

  /** Drops results of scorecards that are no longer defined. */
  async keepScorecards(scorecardIds: string[]): Promise<void> {
    this.writes += 1;
    await this.db('scorecard_results')
      .whereNotIn('scorecard_id', scorecardIds)
      .delete();
  }

  /**
   * An entity's results; `evaluatedAt` is when the entity was last evaluated
   * (its results are only rewritten when they change).
   */
  async entityResults(entityRef: string): Promise<EntityScorecardResult[]> {
    const rows = await this.db('scorecard_results as r')
      .leftJoin('scorecard_entities as e', 'e.entity_ref', 'r.entity_ref')
      .where({ 'r.entity_ref': entityRef })
      .select(
        'r.scorecard_id',
        'r.entity_ref',
        'r.level',
        'r.level_index',
        'r.passed',
        'r.total',
        'r.checks',
        this.db.raw('coalesce(e.evaluated_at, r.evaluated_at) as evaluated_at'),
      )
      .orderBy('r.scorecard_id');
    return rows.map(r => ({
      scorecardId: r.scorecard_id,
      entityRef: r.entity_ref,
      level: r.level,
      levelIndex: r.level_index,
      passed: r.passed,
      total: r.total,
      checks: parseChecks(r.checks),
      evaluatedAt: new Date(r.evaluated_at).toISOString(),
    }));
  }

  /** Entity counts per scorecard and level. */
  async levelCounts(
    filter: ResultFilter,
  ): Promise<Array<{ scorecardId: string } & LevelCount>> {
    const rows = await this.filtered(filter)
      .select('scorecard_id', 'level', 'level_index')
      .count({ count: '*' })
      .groupBy('scorecard_id', 'level', 'level_index')
      .orderBy(['scorecard_id', 'level_index']);
    return rows.map((r: any) => ({
      scorecardId: r.scorecard_id,
      level: r.level,
      count: Number(r.count),
    }));
  }

  /** Failing and erroring entity counts per scorecard and check. */
  async checkCounts(
    filter: ResultFilter,
  ): Promise<Array<{ scorecardId: string } & Omit<CheckCounts, 'pass'>>> {
    const counts = new Map<
      string,
      { scorecardId: string } & Omit<CheckCounts, 'pass'>
    >();
    for (const [column, key] of [
      ['failing_checks', 'fail'],
      ['erroring_checks', 'error'],
    ] as const) {
      const rows = await this.filtered(filter)
        .select('scorecard_id', this.db.raw(`unnest(${column}) as check_id`))
        .count({ count: '*' })
        .groupBy('scorecard_id', 'check_id');
      for (const r of rows as any[]) {
        const id = `${r.scorecard_id}\n${r.check_id}`;
        const entry = counts.get(id) ?? {
          scorecardId: r.scorecard_id,
          checkId: r.check_id,
          fail: 0,
          error: 0,
        };
        entry[key] = Number(r.count);
        counts.set(id, entry);
      }
    }
    return [...counts.values()];
  }

  /** Level counts and checks passed per owner, for one scorecard. */
  async ownerCounts(filter: ResultFilter): Promise<OwnerLevelCounts[]> {
    const rows = await this.filtered(filter)
      .whereNotNull('owner_ref')
      .select('owner_ref', 'level')
      .count({ count: '*' })
      .sum({ passed: 'passed', total: 'total' })
      .groupBy('owner_ref', 'level');
    return rows.map((r: any) => ({
      ownerRef: r.owner_ref,
      level: r.level,
      count: Number(r.count),
      passed: Number(r.passed),
      total: Number(r.total),
    }));
  }

  /**
   * The entities with a status on one check, by entity ref: at most `limit`
   * of them (default 1000), after the entity ref `after` when given.
   */
  async checkEntities(
    filter: ResultFilter & { scorecardId: string },
    checkId: string,
    status: CheckStatus,
    page: { limit?: number; after?: string } = {},
  ): Promise<CheckEntity[]> {
    const query = this.withStatus(this.filtered(filter), checkId, status)
      .select('entity_ref', 'level', 'checks')
      .orderBy('entity_ref')
      .limit(page.limit ?? 1000);
    if (page.after !== undefined) query.where('entity_ref', '>', page.after);
    const rows = await query;
    return rows.map((r: any) => {
      const check = parseChecks(r.checks).find(c => c.checkId === checkId);
      return {
        entityRef: r.entity_ref,
        status: check?.status ?? status,
        reason: check?.reason,
        level: r.level,
      };
    });
  }

  /** How many entities have a status on one check. */
  async countCheckEntities(
    filter: ResultFilter & { scorecardId: string },
    checkId: string,
    status: CheckStatus,
  ): Promise<number> {
    const [row] = await this.withStatus(
      this.filtered(filter),
      checkId,
      status,
    ).count({ count: '*' });
    return Number(row.count);
  }

  /** Level counts per day, oldest first. */
  async history(
    filter: ResultFilter & { scorecardId: string },
    days: number,
    now = new Date(),
  ): Promise<HistoryPoint[]> {
    const since = new Date(now.getTime() - days * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const rows = await this.filtered(filter, 'scorecard_history')
      .where('day', '>=', since)
      .select(
        this.db.raw(`to_char(day, 'YYYY-MM-DD') as day`),
        'level',
        'level_index',
      )
      .count({ count: '*' })
      .groupBy('day', 'level', 'level_index')
      .orderBy(['day', 'level_index']);
    const points = new Map<string, HistoryPoint>();
    for (const r of rows as any[]) {
      const point: HistoryPoint = points.get(r.day) ?? {
        day: r.day,
        levels: [],
      };
      point.levels.push({ level: r.level, count: Number(r.count) });
      points.set(r.day, point);
    }
    return [...points.values()];
  }

  private withStatus(
    query: Knex.QueryBuilder,
    checkId: string,
    status: CheckStatus,
  ): Knex.QueryBuilder {
    if (status === 'fail') {
      return query.whereRaw('failing_checks @> ?', [[checkId]]);
    }
    if (status === 'error') {
      return query.whereRaw('erroring_checks @> ?', [[checkId]]);
    }
    return query
      .whereRaw('NOT (failing_checks @> ?)', [[checkId]])
      .whereRaw('NOT (erroring_checks @> ?)', [[checkId]]);
  }

  private filtered(filter: ResultFilter, table = 'scorecard_results') {
    const query = this.db(table);
    if (filter.scorecardId) query.where('scorecard_id', filter.scorecardId);
    if (filter.entityRef) query.where('entity_ref', filter.entityRef);
    if (filter.systemRef) query.where('system_ref', filter.systemRef);
    if (filter.ownerRefs)
      query.whereRaw('owner_ref = ANY(?)', [filter.ownerRefs]);
    if (filter.visibleRefs) {
      query.whereRaw('entity_ref = ANY(?)', [filter.visibleRefs]);
    }
    if (filter.hiddenRefs?.length) {
      query.whereRaw('NOT (entity_ref = ANY(?))', [filter.hiddenRefs]);
    }
    return query;
  }
}

/**
 * The store's queries and migrations are Postgres' (arrays, advisory locks,
 * upserts): on another database, say so at start-up rather than fail on the
 * first query.
 */
function assertPostgres(knex: Knex): void {
  const configured = knex.client.config.client;
  const client =
    typeof configured === 'function'
      ? configured.name
      : String(configured ?? 'unknown');
  if (!['pg', 'postgres', 'postgresql'].includes(client)) {
    throw new Error(
      `The scorecards backend needs PostgreSQL, but its database uses the '${client}' client; set backend.database.client to 'pg'`,
    );
  }
}

function ids(checks: CheckResult[], status: CheckStatus) {
  return checks.filter(c => c.status === status).map(c => c.checkId);
}

function parseChecks(value: unknown): CheckResult[] {
  return (
    typeof value === 'string' ? JSON.parse(value) : value
  ) as CheckResult[];
}

/** A stored result, as save() reads it. */
interface StoredResult {
  entity_ref: string;
  scorecard_id: string;
  level: string | null;
  level_index: number;
  definition_hash: string;
  result_hash: string | null;
}

/** Today's stored history row, as save() compares it. */
interface StoredHistory {
  level: string | null;
  level_index: number;
  passed: number;
  total: number;
  owner_ref: string | null;
  system_ref: string | null;
}

function sameHistory(stored: StoredHistory | undefined, e: Evaluation) {
  return (
    stored !== undefined &&
    stored.level === e.level &&
    stored.level_index === e.levelIndex &&
    stored.passed === e.passed &&
    stored.total === e.total &&
    stored.owner_ref === e.ownerRef &&
    stored.system_ref === e.systemRef
  );
}

/** What a result row holds, hashed, to tell whether it needs writing. */
function resultHash(e: Evaluation): string {
  return createHash('sha1')
    .update(
      JSON.stringify([
        e.level,
        e.levelIndex,
        e.passed,
        e.total,
        e.definitionHash,
        e.checks,
        e.ownerRef,
        e.systemRef,
      ]),
    )
    .digest('base64url');
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH)
    out.push(items.slice(i, i + BATCH));
  return out;
}
