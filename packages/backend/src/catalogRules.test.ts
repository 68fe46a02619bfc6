import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import {
  coreServices,
  createServiceFactory,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { rootConfigServiceFactory } from '@backstage/backend-defaults/rootConfig';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleLogs from '@backstage/plugin-catalog-backend-module-logs';
import catalogModuleScaffolderEntityModel from '@backstage/plugin-catalog-backend-module-scaffolder-entity-model';
import catalogModuleIsolatedLocations from '@internal/plugin-catalog-backend-module-isolated-locations';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createTestDatabases, waitUntil } from '@internal/test-utils';

// The catalog rules of app-config.yaml itself, on a real catalog and a real
// Postgres, against a location registered the way anyone signed in can
// (the import page calls POST /api/catalog/locations).

jest.setTimeout(180_000);

const backendDir = path.resolve(__dirname, '..');
const appConfig = path.resolve(backendDir, '../../app-config.yaml');

const databases = createTestDatabases();

const yamlEntity = (kind: string, name: string, spec: string) =>
  `apiVersion: ${
    kind === 'Template'
      ? 'scaffolder.backstage.io/v1beta3'
      : 'backstage.io/v1alpha1'
  }\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec: ${spec}\n`;

/** What a registered URL serves: one Location, each entity in its own file. */
const served: Record<string, string> = {
  '/bundle/catalog-info.yaml': yamlEntity(
    'Location',
    'bundle',
    '{ targets: [./user.yaml, ./group.yaml, ./template.yaml, ./component.yaml] }',
  ),
  '/bundle/user.yaml': yamlEntity(
    'User',
    'evil-user',
    '{ memberOf: [team-platform] }',
  ),
  '/bundle/group.yaml': yamlEntity(
    'Group',
    'evil-admins',
    '{ type: team, children: [], members: [guest] }',
  ),
  '/bundle/template.yaml': yamlEntity(
    'Template',
    'evil-template',
    '{ type: service, steps: [{ id: log, action: debug:log, input: { message: hi } }] }',
  ),
  '/bundle/component.yaml': yamlEntity(
    'Component',
    'registered-service',
    '{ type: service, lifecycle: experimental, owner: team-payments }',
  ),
};

/** Collects every warning and error line, with its metadata, across plugins. */
class CapturingLogger implements LoggerService {
  constructor(
    readonly lines: string[],
    private readonly meta: Record<string, unknown> = {},
  ) {}
  error(message: string, meta?: Error | object) {
    this.lines.push(`${message} ${JSON.stringify({ ...this.meta, ...meta })}`);
  }
  warn(message: string, meta?: Error | object) {
    this.error(message, meta);
  }
  info() {}
  debug() {}
  child(meta: Record<string, unknown>): LoggerService {
    return new CapturingLogger(this.lines, { ...this.meta, ...meta });
  }
}

/** Waits up to 2 minutes for `what`: the catalog processes on its own schedule. */
const waitFor = (what: string, check: () => Promise<boolean>) =>
  waitUntil(check, { timeoutMs: 120_000, what });

describe('the catalog rules of app-config.yaml', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'catalog-rules-'));
  const logLines: string[] = [];
  const cwd = process.cwd();
  let files: http.Server;
  let base: string;
  let api = '';
  let stop = async () => {};

  const call = (url: string, init: RequestInit = {}) =>
    fetch(`${api}${url}`, {
      ...init,
      headers: {
        Authorization: mockCredentials.user.header(),
        'Content-Type': 'application/json',
      },
    });
  const entity = async (ref: string) => {
    const res = await call(`/api/catalog/entities/by-name/${ref}`);
    return res.status === 200 ? res.json() : undefined;
  };
  const loggedFor = (location: string, pattern: RegExp) =>
    logLines.find(
      line => line.includes(`"location":"${location}"`) && pattern.test(line),
    );
  const register = async (target: string) => {
    const res = await call('/api/catalog/locations', {
      method: 'POST',
      body: JSON.stringify({ type: 'url', target }),
    });
    expect(res.status).toBe(201);
  };

  beforeAll(async () => {
    // A Component in a file of the backend's host, which no registered
    // location may read.
    const hostFile = path.join(work, 'host-file.yaml');
    fs.writeFileSync(
      hostFile,
      yamlEntity('Component', 'host-file-component', '{ type: service }'),
    );
    served['/host/catalog-info.yaml'] = yamlEntity(
      'Location',
      'host',
      `{ type: file, targets: [${hostFile}] }`,
    );
    files = http.createServer((req, res) => {
      const body = served[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/yaml' });
      res.end(body ?? 'not found');
    });
    await new Promise<void>(resolve =>
      files.listen(0, '127.0.0.1', () => resolve()),
    );
    const { port } = files.address() as AddressInfo;
    base = `http://127.0.0.1:${port}`;

    // Only what the test needs on top of app-config.yaml: reading the file
    // server. The database is the test's own.
    const overrides = path.join(work, 'app-config.test.yaml');
    fs.writeFileSync(
      overrides,
      `backend:\n  reading:\n    allow:\n      - host: 127.0.0.1:${port}\n`,
    );
    // The config's file locations are relative to packages/backend, where the
    // backend runs.
    process.chdir(backendDir);
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleScaffolderEntityModel,
        catalogModuleLogs,
        catalogModuleIsolatedLocations,
        rootConfigServiceFactory({
          argv: [
            'node',
            'backend',
            '--config',
            appConfig,
            '--config',
            overrides,
          ],
          watch: false,
        }),
        mockServices.database.factory({ knex }),
        // the catalog rules are what is tested (access control has its own tests)
        mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
        createServiceFactory({
          service: coreServices.logger,
          deps: { plugin: coreServices.pluginMetadata },
          factory: ({ plugin }) =>
            new CapturingLogger(logLines, { plugin: plugin.getId() }),
        }),
      ],
    });
    api = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
    stop = () => backend.stop();
  });

  afterAll(async () => {
    await stop();
    await new Promise(resolve => files?.close(resolve));
    process.chdir(cwd);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it('takes the org and the templates from the config locations', async () => {
    await waitFor('the demo org and the templates', async () => {
      const found = await Promise.all(
        [
          'user/default/guest',
          'group/default/team-platform',
          'template/default/documented-library',
          'template/default/node-service',
        ].map(entity),
      );
      return found.every(Boolean);
    });
    const guest = await entity('user/default/guest');
    expect(guest.metadata.annotations['backstage.io/managed-by-location']).toBe(
      `file:${path.resolve(backendDir, '../../demo/org.yaml')}`,
    );
  });

  it('takes only software from a registered location, refusing its User, Group and Template by name and location', async () => {
    await register(`${base}/bundle/catalog-info.yaml`);
    const origin = `url:${base}/bundle/catalog-info.yaml`;
    const refused = [
      ['user:default/evil-user', 'user.yaml'],
      ['group:default/evil-admins', 'group.yaml'],
      ['template:default/evil-template', 'template.yaml'],
    ];
    await waitFor('the component and the three refusals', async () => {
      const component = await entity('component/default/registered-service');
      return (
        component !== undefined &&
        refused.every(([, file]) =>
          loggedFor(`url:${base}/bundle/${file}`, /is not of an allowed kind/),
        )
      );
    });
    for (const [ref, file] of refused) {
      const location = `url:${base}/bundle/${file}`;
      expect(loggedFor(location, /is not of an allowed kind/)).toContain(
        `Entity ${ref} at ${location}, originated at ${origin}, is not of an allowed kind for that location`,
      );
      expect(await entity(ref.replace(':', '/'))).toBe(undefined);
    }
    const guest = await entity('user/default/guest');
    expect(
      guest.relations
        .filter((r: { type: string }) => r.type === 'memberOf')
        .map((r: { targetRef: string }) => r.targetRef),
    ).toEqual(['group:default/team-payments']);
    const platform = await entity('group/default/team-platform');
    expect(
      platform.relations
        .filter((r: { type: string }) => r.type === 'hasMember')
        .map((r: { targetRef: string }) => r.targetRef),
    ).not.toContain('user:default/evil-user');
  });

  it('lets no registered location read files of the backend host', async () => {
    await register(`${base}/host/catalog-info.yaml`);
    const location = `url:${base}/host/catalog-info.yaml`;
    await waitFor('the refusal of the file target', async () =>
      Boolean(loggedFor(location, /must be of an allowed type \["url"\]/)),
    );
    expect(await entity('component/default/host-file-component')).toBe(
      undefined,
    );
  });
});
