import fs from 'node:fs';
import {
  AuthService,
  CacheService,
  HttpAuthService,
  PermissionsService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  LeaderboardEntry,
  LevelCount,
  ScorecardAggregate,
  scorecardsRefreshPermission,
} from '@internal/plugin-scorecards-common';
import express from 'express';
import { parse } from 'yaml';
import { z } from 'zod';
import { ResultFilter, ScorecardsStore } from '../database/ScorecardsStore';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';
import { LoadedScorecard } from '../definitions/types';
import { ScorecardRunner } from '../runs/ScorecardRunner';
import { EntityVisibility, Visibility } from './EntityVisibility';
import { descendants, GroupTree } from './GroupTree';

const spec = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@internal/plugin-scorecards-backend',
      'src/schema/openapi.yaml',
    ),
    'utf8',
  ),
);

/**
 * Aggregates are served from a cache for this long, or until this instance
 * writes results.
 */
const AGGREGATE_TTL_MS = 5_000;

const entityRefOf = (kind: string) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (!value) return undefined;
      try {
        return stringifyEntityRef(parseEntityRef(value, { defaultKind: kind }));
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message });
        return z.NEVER;
      }
    });

const filterQuery = z.object({
  scorecard: z.string().optional(),
  group: entityRefOf('group'),
  system: entityRefOf('system'),
  entity: entityRefOf('component'),
  days: z.coerce.number().int().min(1).max(730).default(90),
  status: z.enum(['pass', 'fail', 'error']).default('fail'),
});

function parseQuery(query: unknown) {
  const parsed = filterQuery.safeParse(query);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(
      `Invalid query parameter '${issue.path.join('.')}': ${issue.message}`,
    );
  }
  return parsed.data;
}

export interface RouterOptions {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  cache: CacheService;
  definitions: ScorecardDefinitions;
  store: ScorecardsStore;
  runner: ScorecardRunner;
  /** Starts a full evaluation in the background. */
  triggerFullRun: () => Promise<void>;
}

/** The scorecards REST API, as described by src/schema/openapi.yaml. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, catalog, definitions, store, runner } =
    options;
  const visibility = new EntityVisibility({
    permissions,
    catalog,
    cache: options.cache,
  });
  const groups = new GroupTree({ catalog, auth: options.auth });
  const aggregates = options.cache.withOptions({
    defaultTtl: AGGREGATE_TTL_MS,
  });

  const router = createValidatedOpenApiRouter(
    spec,
  ) as unknown as express.Router;
  router.use(express.json());

  const scorecardOr404 = (id: string): LoadedScorecard => {
    const scorecard = definitions.get(id);
    if (!scorecard) throw new NotFoundError(`No scorecard '${id}'`);
    return scorecard;
  };

  /** The filter a request's query and the caller's visibility select. */
  const filterOf = async (
    req: express.Request,
    query: ReturnType<typeof parseQuery>,
  ): Promise<{ filter: ResultFilter; visible: Visibility }> => {
    const visible = await visibility.of(await httpAuth.credentials(req));
    const filter: ResultFilter = {
      systemRef: query.system,
      entityRef: query.entity,
      visibleRefs: visible.kind === 'some' ? visible.refs : undefined,
    };
    if (query.group)
      filter.ownerRefs = await groups.withDescendants(query.group);
    return { filter, visible };
  };

  const cached = async <T>(
    key: string,
    visible: Visibility,
    compute: () => Promise<T>,
  ): Promise<T> => {
    const fullKey = `${store.generation}:${
      visible.kind === 'all' ? 'all' : visible.key
    }:${key}`;
    const hit = await aggregates.get(fullKey);
    if (hit) return hit as T;
    const value = await compute();
    await aggregates.set(fullKey, value as any);
    return value;
  };

  router.get('/scorecards', async (_req, res) => {
    res.json({
      items: definitions.list().map(({ file: _file, checks, ...rest }) => ({
        ...rest,
        checks: checks.map(({ condition: _c, facts: _f, ...check }) => check),
      })),
      errors: definitions.problems(),
    });
  });

  const readableEntity = async (req: express.Request) => {
    const { namespace, kind, name } = req.params;
    const ref = stringifyEntityRef({ kind, namespace, name });
    const entity = await catalog.getEntityByRef(ref, {
      credentials: await httpAuth.credentials(req),
    });
    if (!entity) throw new NotFoundError(`No entity ${ref}`);
    return stringifyEntityRef(entity);
  };

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    const entityRef = await readableEntity(req);
    res.json({ entityRef, results: await store.entityResults(entityRef) });
  });

  const mayRefresh = async (req: express.Request) => {
    const [decision] = await permissions.authorize(
      [{ permission: scorecardsRefreshPermission }],
      { credentials: await httpAuth.credentials(req) },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to re-evaluate scorecards');
    }
  };

  router.post('/entities/:namespace/:kind/:name/refresh', async (req, res) => {
    await mayRefresh(req);
    const entityRef = await readableEntity(req);
    await runner.evaluateEntity(entityRef);
    res.json({ entityRef, results: await store.entityResults(entityRef) });
  });

  router.post('/refresh', async (req, res) => {
    await mayRefresh(req);
    await options.triggerFullRun();
    res.status(202).end();
  });

  router.get('/aggregates', async (req, res) => {
    const query = parseQuery(req.query);
    const selected = query.scorecard
      ? [scorecardOr404(query.scorecard)]
      : definitions.list();
    const { filter, visible } = await filterOf(req, query);
    const items = await cached(
      `aggregates:${JSON.stringify(query)}`,
      visible,
      async () => {
        const scoped = { ...filter, scorecardId: query.scorecard };
        const [levels, checks] = await Promise.all([
          store.levelCounts(scoped),
          store.checkCounts(scoped),
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
    res.json({ items });
  });

  router.get('/scorecards/:scorecardId/leaderboard', async (req, res) => {
    const scorecard = scorecardOr404(req.params.scorecardId);
    const { filter, visible } = await filterOf(req, parseQuery({}));
    const items = await cached(
      `leaderboard:${scorecard.id}`,
      visible,
      async () => {
        const [byOwner, tree] = await Promise.all([
          store.ownerCounts({ ...filter, scorecardId: scorecard.id }),
          groups.groups(),
        ]);
        const entries: LeaderboardEntry[] = [];
        // groups the caller cannot read are left out
        const readable =
          visible.kind === 'some' ? new Set(visible.refs) : undefined;
        for (const [groupRef, info] of Object.entries(tree)) {
          if (readable && !readable.has(groupRef)) continue;
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
    res.json({ items });
  });

  router.get(
    '/scorecards/:scorecardId/checks/:checkId/entities',
    async (req, res) => {
      const scorecard = scorecardOr404(req.params.scorecardId);
      const { checkId } = req.params;
      if (!scorecard.checks.some(c => c.id === checkId)) {
        throw new NotFoundError(
          `Scorecard '${scorecard.id}' has no check '${checkId}'`,
        );
      }
      const query = parseQuery(req.query);
      const { filter } = await filterOf(req, query);
      res.json({
        items: await store.checkEntities(
          { ...filter, scorecardId: scorecard.id },
          checkId,
          query.status,
        ),
      });
    },
  );

  router.get('/scorecards/:scorecardId/history', async (req, res) => {
    const scorecard = scorecardOr404(req.params.scorecardId);
    const query = parseQuery(req.query);
    const { filter, visible } = await filterOf(req, query);
    const items = await cached(
      `history:${scorecard.id}:${JSON.stringify(query)}`,
      visible,
      () => store.history({ ...filter, scorecardId: scorecard.id }, query.days),
    );
    res.json({ items });
  });

  return router;
}

/** Counts for every level of the scorecard, lowest first, then "no level". */
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
