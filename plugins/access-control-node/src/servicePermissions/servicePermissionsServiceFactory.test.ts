import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  AuthService,
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { createTestDatabases, waitUntil } from '@internal/test-utils';
import { servicePermissionsServiceFactory } from './servicePermissionsServiceFactory';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata: { name: payments-api }
spec: { type: service, lifecycle: production, owner: team-a }
`;

describe('servicePermissionsServiceFactory, on a real catalog', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'service-permissions-'));
  /** What two plugins see: `granted` may create locations, `other` only read. */
  const plugins: Record<
    string,
    { catalog: CatalogService; auth: AuthService }
  > = {};
  let stop = async () => {};
  /** A repository host the catalog may read from (as it reads GitHub in production). */
  const repos = setupServer(
    http.get('https://repos.example.com/other/catalog-info.yaml', () =>
      HttpResponse.text(CATALOG.replace('payments-api', 'other-api')),
    ),
  );

  /** A plugin that only keeps its catalog client and auth service, to call the catalog as itself. */
  const probe = (pluginId: string) =>
    createBackendPlugin({
      pluginId,
      register(env) {
        env.registerInit({
          deps: { catalog: catalogServiceRef, auth: coreServices.auth },
          async init(deps) {
            plugins[pluginId] = deps;
          },
        });
      },
    });

  /** The plugin's own credentials, as it calls other plugins on its own behalf. */
  const asItself = async (pluginId: string) => ({
    credentials: await plugins[pluginId].auth.getOwnServiceCredentials(),
  });

  beforeAll(async () => {
    fs.writeFileSync(path.join(work, 'catalog-info.yaml'), CATALOG);
    repos.listen({ onUnhandledRequest: 'bypass' });
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        probe('granted'),
        probe('other'),
        servicePermissionsServiceFactory,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            backend: { reading: { allow: [{ host: 'repos.example.com' }] } },
            catalog: {
              locations: [
                { type: 'file', target: path.join(work, 'catalog-info.yaml') },
              ],
              rules: [{ allow: ['Component', 'Location'] }],
              processingInterval: { seconds: 1 },
            },
            greenroom: {
              accessControl: {
                services: { granted: ['catalog.location.create'] },
              },
            },
          },
        }),
      ],
    });
    stop = () => backend.stop();
    await waitUntil(
      async () =>
        !!(await plugins.other.catalog.getEntityByRef(
          'component:default/payments-api',
          await asItself('other'),
        )),
      { timeoutMs: 60_000, what: 'payments-api read by a plugin as itself' },
    );
  });

  afterAll(async () => {
    await stop();
    repos.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('refuses a plugin deleting an entity on its own behalf, and the entity stays', async () => {
    const entity = await plugins.other.catalog.getEntityByRef(
      'component:default/payments-api',
      await asItself('other'),
    );

    await expect(
      plugins.other.catalog.removeEntityByUid(
        entity!.metadata.uid!,
        await asItself('other'),
      ),
    ).rejects.toMatchObject({
      statusCode: 403,
      body: { error: { name: 'NotAllowedError' } },
    });

    const after = await plugins.granted.catalog.getEntityByRef(
      'component:default/payments-api',
      await asItself('granted'),
    );
    expect(after?.metadata.uid).toBe(entity!.metadata.uid);
  });

  it('lets a plugin register a location only when its grant lists catalog.location.create', async () => {
    const location = {
      type: 'url',
      target: 'https://repos.example.com/other/catalog-info.yaml',
      dryRun: true,
    };

    await expect(
      plugins.other.catalog.addLocation(location, await asItself('other')),
    ).rejects.toMatchObject({
      statusCode: 403,
      body: { error: { name: 'NotAllowedError' } },
    });
    const added = await plugins.granted.catalog.addLocation(
      location,
      await asItself('granted'),
    );
    expect(added.entities.map(e => `${e.kind}:${e.metadata.name}`)).toContain(
      'Component:other-api',
    );
  });
});
