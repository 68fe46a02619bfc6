import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { ScorecardsService } from './ScorecardsService';

/**
 * The scorecards REST API of src/schema/openapi.yaml: the generated router
 * has already rejected any request the spec does not allow (and filled in
 * the query defaults), so each route is one call to the service.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: ScorecardsService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = await createOpenApiRouter();

  router.get('/scorecards', async (_req, res) => {
    res.json(service.listScorecards());
  });

  router.get('/entities/:namespace/:kind/:name', async (req, res) => {
    res.json(
      await service.getEntityResults(
        req.params,
        await httpAuth.credentials(req),
      ),
    );
  });

  router.post('/entities/:namespace/:kind/:name/refresh', async (req, res) => {
    res.json(
      await service.refreshEntity(req.params, await httpAuth.credentials(req)),
    );
  });

  router.post('/refresh', async (req, res) => {
    await service.refreshAll(await httpAuth.credentials(req));
    res.status(202).end();
  });

  router.get('/aggregates', async (req, res) => {
    res.json(
      await service.getAggregates(req.query, await httpAuth.credentials(req)),
    );
  });

  router.get('/scorecards/:scorecardId/leaderboard', async (req, res) => {
    res.json(
      await service.getLeaderboard(
        req.params.scorecardId,
        await httpAuth.credentials(req),
      ),
    );
  });

  router.get(
    '/scorecards/:scorecardId/checks/:checkId/entities',
    async (req, res) => {
      const { status = 'fail', limit = 100, cursor } = req.query;
      res.json(
        await service.getCheckEntities(
          req.params.scorecardId,
          req.params.checkId,
          { status, limit, cursor },
          await httpAuth.credentials(req),
        ),
      );
    },
  );

  router.get('/scorecards/:scorecardId/history', async (req, res) => {
    const { days = 90, ...scope } = req.query;
    res.json(
      await service.getHistory(
        req.params.scorecardId,
        { ...scope, days },
        await httpAuth.credentials(req),
      ),
    );
  });

  return router;
}
