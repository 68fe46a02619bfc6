import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { SetupStatusService } from './SetupStatusService';

/** The setup REST API of src/schema/openapi.yaml: one call to the service per route. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  service: SetupStatusService;
}): Promise<express.Router> {
  const { httpAuth, service } = options;
  const router = await createOpenApiRouter();

  router.get('/status', async (req, res) => {
    res.json(
      await service.getStatus(
        await httpAuth.credentials(req, { allow: ['user'] }),
      ),
    );
  });

  return router;
}
