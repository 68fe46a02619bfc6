import {
  AuthService,
  BackstageCredentials,
  CacheService,
  DatabaseService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  RELATION_MEMBER_OF,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InputError,
  NotAllowedError,
  NotFoundError,
  isError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CheckEntityPage,
  CheckStatus,
  EntityResults,
  GetAggregates,
  GetHistory,
  HistoryPointList,
  LeaderboardEntry,
  LeaderboardEntryList,
  LevelCount,
  ScorecardAggregate,
  ScorecardAggregateList,
  ScorecardList,
  ScorecardScope,
  scorecardsEntityRefreshPermission,
  scorecardsRefreshPermission,
} from '@internal/plugin-scorecards-common';
import { FactProvider } from '@internal/plugin-scorecards-node';
import {
  FullRunReason,
  ResultFilter,
  ScorecardsStore,
} from '../database/ScorecardsStore';
import { knownFacts } from '../definitions/knownFacts';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { LoadedScorecard } from '../definitions/types';
import { Evaluator } from '../evaluation/Evaluator';
import { notifyLevelDrops } from '../runs/notifyLevelDrops';
import {
  ChangedEntitiesOutcome,
  FullRunOutcome,
  ScorecardRunner,
} from '../runs/ScorecardRunner';
import { EntityVisibility, Visibility } from './EntityVisibility';
import {
  entityReport,
  EntityScorecardReport,
  WorstCheck,
  worstChecks,
} from './reports';
import { descendants, GroupTree } from './GroupTree';

/**
 * Aggregates are served from a cache for this long, or until this instance
 * writes results.
 */
const AGGREGATE_TTL_MS = 5_000;

/**
 * The full run the schedule starts skips the entities evaluated this recently
 * at their current etag: the change feed and the related entities' pass have
 * just evaluated them (all of them, after a first ingestion).
 */
const FRESH_MS = 10 * 60_000;

/** Options of {@link ScorecardsService.create}. */
export interface ScorecardsServiceOptions {
  logger: LoggerService;
  database: DatabaseService;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  cache: CacheService;
  /** Scorecard files or folders of them. */
  definitions: string[];
  /** Where the facts come from. */
  factProviders: FactProvider[];
  /** When given, the owners of an entity whose level goes down are told. */
  notifications?: NotificationService;
  /**
   * Whether to watch the definition files, and ask for a full run of every
   * entity after they change.
   */
  watchDefinitions?: boolean;
  /**
   * Starts the full-run task, which calls {@link ScorecardsService.runFullRun};
   * default: a full run asked for runs now.
   */
  triggerFullRun?: () => Promise<void>;
}

export type { ScorecardScope } from '@internal/plugin-scorecards-common';

/**
 * Scorecards: loads the definitions, evaluates entities against them, and
 * answers every read (results, aggregates, leaderboard, drill-down, history)
 * with only the entities the caller may read in the catalog, caching
 * aggregates for a few seconds.
 */
export class ScorecardsService {
  /** Loads the definitions and readies the store (running its migrations). */
  static async create(
    options: ScorecardsServiceOptions,
  ): Promise<ScorecardsService> {
    const { logger, catalog, auth } = options;
    // the service, which asks for a full run, exists before the files are watched
    let onChange = () => {};
    const definitions = new ScorecardDefinitions({
      paths: options.definitions,
      facts: knownFacts(options.factProviders),
      logger,
      onChange: () => onChange(),
    });
    definitions.load();
    const store = await ScorecardsStore.create({ database: options.database });
    const runner = new ScorecardRunner({
      catalog,
      auth,
      definitions,
      evaluator: new Evaluator(options.factProviders),
      store,
      logger,
      onDrops:
        options.notifications &&
        notifyLevelDrops({
          notifications: options.notifications,
          definitions,
          logger,
        }),
    });
    const service = new ScorecardsService(options, definitions, store, runner);
    if (options.watchDefinitions) {
      onChange = () => service.definitionsChanged();
      definitions.watch();
    }
    return service;
  }

  private readonly visibility: EntityVisibility;
  private readonly groups: GroupTree;
  private readonly aggregateCache: CacheService;

  private constructor(
    private readonly options: ScorecardsServiceOptions,
    private readonly definitions: ScorecardDefinitions,
    private readonly store: ScorecardsStore,
    private readonly runner: ScorecardRunner,
  ) {
    this.visibility = EntityVisibility.create(options);
    this.groups = new GroupTree(options);
    this.aggregateCache = options.cache.withOptions({
      defaultTtl: AGGREGATE_TTL_MS,
    });
  }

  /** Evaluates every entity a scorecard applies to, and forgets the ones gone. */
  evaluateAll(): Promise<FullRunOutcome> {
    return this.runner.evaluateAll();
  }

  /**
   * The full-run task: evaluates every entity when a full run was asked for
   * (`POST /refresh`, a change of the definitions), forgetting the requests
   * only once the run has ended, and again while more were asked for during
   * it; otherwise, on the schedule, every entity but those evaluated in the
   * last 10 min at their current etag. Forgets the entities gone either way.
   */
  /** Whether someone asked for a full run (definitions changed, `POST /refresh`) that has not run yet. */
  async fullRunRequested(): Promise<boolean> {
    return (await this.store.fullRunRequests()).length > 0;
  }

  async runFullRun(): Promise<FullRunOutcome> {
    let outcome: FullRunOutcome | undefined;
    for (;;) {
      const requests = await this.store.fullRunRequests();
      if (outcome && requests.length === 0) return outcome;
      outcome = await this.runner.evaluateAll(
        requests.length > 0 ? {} : { skipFreshMs: FRESH_MS },
      );
      if (requests.length === 0) return outcome;
      await this.store.forgetFullRunRequests(requests[requests.length - 1].id);
    }
  }

  /**
   * Evaluates the entities of one batch of the catalog's change feed whose
   * etag differs from the one they were last evaluated at, queues the
   * entities they have relations to (evaluated once the feed is quiet), and
   * returns the refs to retry (not in the catalog yet, or not changed yet).
   */
  evaluateChanged(entityRefs: string[]): Promise<ChangedEntitiesOutcome> {
    return this.runner.evaluateChanged(entityRefs);
  }

  /**
   * Stops watching the definition files and drops the related entities not
   * evaluated yet, waiting for a pass over them that is running.
   */
  async close(): Promise<void> {
    this.definitions.close();
    await this.runner.close();
  }

  /** The loaded scorecards (without their conditions) and the problems in their files. */
  listScorecards(): ScorecardList {
    return {
      items: this.definitions
        .list()
        .map(({ file: _file, hash: _hash, checks, ...rest }) => ({
          ...rest,
          checks: checks.map(({ condition: _c, facts: _f, ...check }) => check),
        })),
      errors: this.definitions.problems(),
    };
  }

  /** An entity's results; a NotFoundError when the caller cannot read it. */
  async getEntityResults(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityResults> {
    const entityRef = await this.readableEntity(entity, credentials);
    return { entityRef, results: await this.store.entityResults(entityRef) };
  }

  /** Evaluates one entity now; needs scorecards.entity.refresh on it. */
  async refreshEntity(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<EntityResults> {
    const entityRef = await this.readableEntity(entity, credentials);
    const [decision] = await this.options.permissions.authorize(
      [
        {
          permission: scorecardsEntityRefreshPermission,
          resourceRef: entityRef,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(`Not allowed to re-evaluate ${entityRef}`);
    }
    await this.runner.evaluateEntity(entityRef);
    return { entityRef, results: await this.store.entityResults(entityRef) };
  }

  /**
   * Starts a full run of every entity; needs the scorecards.refresh
   * permission.
   */
  async refreshAll(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: scorecardsRefreshPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to re-evaluate every entity');
    }
    await this.requestFullRun('refresh');
  }

  /** Level and check counts per scorecard, over the entities the scope selects. */
  async getAggregates(
    query: GetAggregates['query'],
    credentials: BackstageCredentials,
  ): Promise<ScorecardAggregateList> {
    const { filter, visible } = await this.filterOf(query, credentials);
    return { items: await this.aggregates(filter, visible, query.scorecard) };
  }

  /**
   * An entity's standing on each scorecard: its level, the next one, and the
   * checks it does not pass with how to fix them; a NotFoundError when the
   * caller cannot read it.
   */
  async getEntityReport(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entityRef: string; scorecards: EntityScorecardReport[] }> {
    const entityRef = await this.readableEntity(entity, credentials);
    return {
      entityRef,
      scorecards: entityReport(await this.store.entityResults(entityRef), id =>
        this.definitions.get(id),
      ),
    };
  }

  /**
   * The checks most entities of a team (its child groups' included) do not
   * pass: of `group`, or when it is omitted of every group the calling user
   * is a member of. A NotFoundError when the caller cannot read the group, an
   * InputError when no group is named and the caller is in none.
   */
  async getWorstChecks(
    query: { group?: string; limit: number },
    credentials: BackstageCredentials,
  ): Promise<{ groups: string[]; checks: WorstCheck[] }> {
    const groups = query.group
      ? [await this.readableEntity(parseGroupRef(query.group), credentials)]
      : await this.teamsOf(credentials);
    const { filter, visible } = await this.filterOf({}, credentials);
    filter.ownerRefs = [
      ...new Set(
        (
          await Promise.all(groups.map(g => this.groups.withDescendants(g)))
        ).flat(),
      ),
    ];
    const aggregates = await this.aggregates(filter, visible);
    return {
      groups,
      checks: worstChecks(
        aggregates,
        id => this.definitions.get(id),
        query.limit,
      ),
    };
  }

  /**
   * Every group's standing on a scorecard, its child groups' entities
   * included: best pass rate first, then by group ref. Groups the caller
   * cannot read are left out.
   */
  async getLeaderboard(
    scorecardId: string,
    credentials: BackstageCredentials,
  ): Promise<LeaderboardEntryList> {
    const scorecard = this.scorecard(scorecardId);
    const { filter, visible } = await this.filterOf({}, credentials);
    const items = await this.cached(
      `leaderboard:${scorecard.id}`,
      visible,
      async () => {
        const [byOwner, tree] = await Promise.all([
          this.store.ownerCounts({ ...filter, scorecardId: scorecard.id }),
          this.groups.groups(),
        ]);
        const entries: LeaderboardEntry[] = [];
        if (visible.kind === 'none') return entries;
        const hidden = new Set(visible.kind === 'except' ? visible.refs : []);
        for (const [groupRef, info] of Object.entries(tree)) {
          if (hidden.has(groupRef)) continue;
          const members = new Set(descendants(tree, groupRef));
          const rows = byOwner.filter(r => members.has(r.ownerRef));
          const total = rows.reduce((n, r) => n + r.count, 0);
          if (total === 0) continue;
          const checks = rows.reduce((n, r) => n + r.total, 0);
          entries.push({
            groupRef,
            title: info.title,
            total,
            levels: levelCounts(
              scorecard,
              rows.map(r => ({ level: r.level, count: r.count })),
            ),
            passRate: checks
              ? rows.reduce((n, r) => n + r.passed, 0) / checks
              : 0,
          });
        }
        return entries.sort(
          (a, b) =>
            b.passRate - a.passRate || a.groupRef.localeCompare(b.groupRef),
        );
      },
    );
    return { items };
  }

  /**
   * One page of the entities with a status on one check, by entity ref, and
   * how many there are in all. Not cached: pages must line up.
   */
  async getCheckEntities(
    scorecardId: string,
    checkId: string,
    page: { status: CheckStatus; limit: number; cursor?: string },
    credentials: BackstageCredentials,
  ): Promise<CheckEntityPage> {
    const scorecard = this.scorecard(scorecardId);
    if (!scorecard.checks.some(c => c.id === checkId)) {
      throw new NotFoundError(
        `Scorecard '${scorecard.id}' has no check '${checkId}'`,
      );
    }
    const after = page.cursor === undefined ? undefined : decode(page.cursor);
    const { filter } = await this.filterOf({}, credentials);
    const scoped = { ...filter, scorecardId: scorecard.id };
    const [rows, totalItems] = await Promise.all([
      // one more than asked tells whether there is a next page
      this.store.checkEntities(scoped, checkId, page.status, {
        limit: page.limit + 1,
        after,
      }),
      this.store.countCheckEntities(scoped, checkId, page.status),
    ]);
    const items = rows.slice(0, page.limit);
    return {
      items,
      totalItems,
      ...(rows.length > page.limit && {
        nextCursor: encode(items[items.length - 1].entityRef),
      }),
    };
  }

  /** Daily level counts of a scorecard over the entities the filters select. */
  async getHistory(
    scorecardId: string,
    query: GetHistory['query'] & { days: number },
    credentials: BackstageCredentials,
  ): Promise<HistoryPointList> {
    const scorecard = this.scorecard(scorecardId);
    const { filter, visible } = await this.filterOf(query, credentials);
    if (query.entity) filter.entityRef = normalRef(query.entity);
    const items = await this.cached(
      `history:${scorecard.id}:${JSON.stringify([
        scopeKey(filter),
        filter.entityRef,
        query.days,
      ])}`,
      visible,
      () =>
        this.store.history(
          { ...filter, scorecardId: scorecard.id },
          query.days,
        ),
    );
    return { items };
  }

  /** Level and check counts per scorecard (or of one), over the entities a filter selects; cached. */
  private async aggregates(
    filter: ResultFilter,
    visible: Visibility,
    scorecardId?: string,
  ): Promise<ScorecardAggregate[]> {
    const selected = scorecardId
      ? [this.scorecard(scorecardId)]
      : this.definitions.list();
    return this.cached(
      `aggregates:${JSON.stringify([scorecardId, scopeKey(filter)])}`,
      visible,
      async () => {
        const scoped = { ...filter, scorecardId };
        const [levels, checks] = await Promise.all([
          this.store.levelCounts(scoped),
          this.store.checkCounts(scoped),
        ]);
        return selected.map((scorecard): ScorecardAggregate => {
          const counts = levels.filter(l => l.scorecardId === scorecard.id);
          const total = counts.reduce((n, l) => n + l.count, 0);
          return {
            scorecardId: scorecard.id,
            total,
            levels: levelCounts(scorecard, counts),
            checks: scorecard.checks.map(check => {
              const c = checks.find(
                x => x.scorecardId === scorecard.id && x.checkId === check.id,
              );
              const fail = c?.fail ?? 0;
              const error = c?.error ?? 0;
              return {
                checkId: check.id,
                pass: total - fail - error,
                fail,
                error,
              };
            }),
          };
        });
      },
    );
  }

  /** The groups the calling user is a member of, as the catalog relates them. */
  private async teamsOf(credentials: BackstageCredentials): Promise<string[]> {
    const principal = credentials.principal as { userEntityRef?: string };
    const user = principal.userEntityRef
      ? await this.options.catalog.getEntityByRef(principal.userEntityRef, {
          credentials,
        })
      : undefined;
    const teams = (user?.relations ?? [])
      .filter(r => r.type === RELATION_MEMBER_OF)
      .map(r => r.targetRef)
      .sort();
    if (teams.length === 0) {
      throw new InputError(
        principal.userEntityRef
          ? `${principal.userEntityRef} is a member of no group: name one`
          : 'Only a signed-in user has teams: name a group',
      );
    }
    return teams;
  }

  /**
   * Records the request before starting the task, so that the run it starts
   * (on whichever replica) evaluates every entity. When the task is running
   * already, that run does another full one once it ends.
   */
  private async requestFullRun(reason: FullRunReason): Promise<void> {
    const { triggerFullRun } = this.options;
    if (!triggerFullRun) {
      await this.runner.evaluateAll();
      return;
    }
    await this.store.requestFullRun(reason);
    try {
      await triggerFullRun();
    } catch (e) {
      if (!isError(e) || e.name !== 'ConflictError') throw e;
    }
  }

  private definitionsChanged(): void {
    this.requestFullRun('definitions').catch(e =>
      this.options.logger.warn(
        `Scorecards: could not start a full run after the definitions changed: ${e}`,
      ),
    );
  }

  private scorecard(id: string): LoadedScorecard {
    const scorecard = this.definitions.get(id);
    if (!scorecard) throw new NotFoundError(`No scorecard '${id}'`);
    return scorecard;
  }

  private async readableEntity(
    entity: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<string> {
    const ref = stringifyEntityRef(entity);
    const found = await this.options.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!found) throw new NotFoundError(`No entity ${ref}`);
    return stringifyEntityRef(found);
  }

  /** The results a scope and the caller's visibility select. */
  private async filterOf(
    scope: ScorecardScope,
    credentials: BackstageCredentials,
  ): Promise<{ filter: ResultFilter; visible: Visibility }> {
    const visible = await this.visibility.of(credentials);
    const filter: ResultFilter = {
      systemRef: scope.system ? normalRef(scope.system, 'system') : undefined,
      visibleRefs: visible.kind === 'none' ? [] : undefined,
      hiddenRefs: visible.kind === 'except' ? visible.refs : undefined,
    };
    if (scope.group) {
      filter.ownerRefs = await this.groups.withDescendants(
        normalRef(scope.group, 'group'),
      );
    }
    return { filter, visible };
  }

  private async cached<T>(
    key: string,
    visible: Visibility,
    compute: () => Promise<T>,
  ): Promise<T> {
    const fullKey = `${this.store.generation}:${
      visible.kind === 'all' ? 'all' : visible.key
    }:${key}`;
    const hit = await this.aggregateCache.get(fullKey);
    if (hit) return hit as T;
    const value = await compute();
    await this.aggregateCache.set(fullKey, value as any);
    return value;
  }
}

/**
 * The stored form of an entity ref (`kind:namespace/name`, kind and
 * namespace in lower case). The spec's patterns have checked its shape.
 */
function normalRef(ref: string, defaultKind?: string): string {
  return stringifyEntityRef(parseEntityRef(ref, { defaultKind }));
}

/** A group named as `group:default/x`, `default/x` or `x`; an InputError naming anything else. */
function parseGroupRef(ref: string): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, { defaultKind: 'group' });
  } catch (e) {
    throw new InputError(`'${ref}' is not a group reference: ${e}`);
  }
  if (parsed.kind.toLocaleLowerCase('en-US') !== 'group') {
    throw new InputError(`'${ref}' is a ${parsed.kind}, not a group`);
  }
  return parsed;
}

/** What a filter selects, but the caller's visibility (the cache key has it). */
function scopeKey(filter: ResultFilter) {
  return [filter.systemRef, filter.ownerRefs];
}

/** A drill-down cursor: the last entity ref of the page before. */
function encode(entityRef: string): string {
  return Buffer.from(entityRef, 'utf8').toString('base64url');
}

function decode(cursor: string): string {
  const ref = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[^:/]+:[^:/]+\/[^:/]+$/.test(ref)) {
    throw new InputError(
      `Invalid query parameter 'cursor': not a cursor this API returned`,
    );
  }
  return ref;
}

/** Counts for "no level" first, then every level of the scorecard, lowest first. */
function levelCounts(
  scorecard: LoadedScorecard,
  counts: Array<{ level: string | null; count: number }>,
): LevelCount[] {
  const count = (level: string | null) =>
    counts.filter(c => c.level === level).reduce((n, c) => n + c.count, 0);
  return [
    { level: null, count: count(null) },
    ...scorecard.levels.map(l => ({ level: l.id, count: count(l.id) })),
  ];
}
