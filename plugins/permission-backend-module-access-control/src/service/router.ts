import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { AccessControlService } from './AccessControlService';

/** The access control REST API of src/schema/openapi.yaml: one call to the service per route. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: AccessControlService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = await createOpenApiRouter();
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });

  router.get('/access-control/roles', async (req, res) => {
    res.json(await service.listRoles(await user(req)));
  });

  router.post('/access-control/roles/:role/members', async (req, res) => {
    res
      .status(201)
      .json(
        await service.grant(
          req.params.role,
          req.body.member,
          await user(req),
          req,
        ),
      );
  });

  router.post(
    '/access-control/roles/:role/members/revoke',
    async (req, res) => {
      await service.revoke(
        req.params.role,
        req.body.member,
        await user(req),
        req,
      );
      res.status(204).end();
    },
  );

  router.get('/access-control/export', async (req, res) => {
    res.json(await service.exportPolicy(await user(req)));
  });

  router.post('/access-control/simulate', async (req, res) => {
    res.json(await service.simulate(req.body, await user(req)));
  });

  return router;
}
