import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { createOpenApiRouter } from '../schema/openapi';
import { SiteBuildStates } from './SiteBuildStates';

/** Every route of src/schema/openapi.yaml is under this prefix. */
const PREFIX = '/node-generator/';

/**
 * The module's routes on the TechDocs plugin's router (src/schema/openapi.yaml).
 * Only requests under `/node-generator/` go through it, so TechDocs' own
 * routes see neither its body parser nor its validator.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  states: SiteBuildStates;
}): Promise<express.Handler> {
  const { httpAuth, states } = options;
  const router = await createOpenApiRouter();

  router.post('/node-generator/build-states', async (req, res) => {
    // Backends only: the states name entities a user may not be allowed to see.
    await httpAuth.credentials(req, { allow: ['service'] });
    res.json({ items: await states.get(req.body.entityRefs) });
  });

  return (req, res, next) =>
    req.path.startsWith(PREFIX) ? router(req, res, next) : next();
}
