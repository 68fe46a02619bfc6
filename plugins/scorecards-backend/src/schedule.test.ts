import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  createBackendModule,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import { scorecardsFactProvidersExtensionPoint } from '@internal/plugin-scorecards-node';
import { scorecardsPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/testDatabases';

const databases = createTestDatabases();

jest.setTimeout(60_000);

describe('the evaluation schedule', () => {
  it('runs once across two backend instances sharing a database', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecards-schedule-'));
    fs.writeFileSync(
      path.join(dir, 'counted.yaml'),
      `id: counted
title: Counted
levels:
  - id: one
    title: One
    checks:
      - id: seen
        title: Seen
        condition: { '==': [{ var: count.seen }, true] }
`,
    );
    // A fact provider added through the extension point, counting the
    // entities it is asked about.
    const asked: string[] = [];
    const countingFacts = createBackendModule({
      pluginId: 'scorecards',
      moduleId: 'counting-facts',
      register(reg) {
        reg.registerInit({
          deps: { facts: scorecardsFactProvidersExtensionPoint },
          async init({ facts }) {
            facts.addFactProvider({
              id: 'count',
              facts: { seen: { type: 'boolean', description: 'Always true' } },
              async getFacts(entities) {
                asked.push(...entities.map(e => stringifyEntityRef(e)));
                return new Map(
                  entities.map(e => [stringifyEntityRef(e), { seen: true }]),
                );
              },
            });
          },
        });
      },
    });

    const knex = await databases.init(databases.eachSupportedId()[0][0]);
    const instance = () =>
      startTestBackend({
        features: [
          scorecardsPlugin,
          countingFacts,
          schedulerServiceFactory,
          mockServices.database.factory({ knex }),
          catalogServiceMock.factory({
            entities: ['one', 'two', 'three'].map(name => ({
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: { name, namespace: 'default', etag: name },
              spec: { type: 'service', owner: 'team-a' },
            })),
          }),
          mockServices.rootConfig.factory({
            data: {
              scorecards: {
                definitions: [dir],
                schedule: {
                  frequency: { minutes: 30 },
                  timeout: { minutes: 1 },
                  initialDelay: { seconds: 1 },
                },
              },
            },
          }),
          createServiceFactory({
            service: notificationService,
            deps: {},
            factory: () => ({ send: jest.fn() }),
          }),
        ],
      });
    const backends = [await instance(), await instance()];

    // The first run (the full one, or the change scan if it comes first)
    // evaluates each entity once; the other instance does not repeat it, and
    // later change scans find nothing changed.
    await waitFor(() => asked.length >= 3, 30_000);
    await new Promise(r => setTimeout(r, 8_000));
    expect(asked.sort()).toEqual([
      'component:default/one',
      'component:default/three',
      'component:default/two',
    ]);
    const runs = await knex('backstage_backend_tasks__tasks').select('id');
    expect(runs.map(r => r.id).sort()).toEqual([
      'scorecards-evaluate-all',
      'scorecards-evaluate-changes',
    ]);

    await Promise.all(backends.map(b => b.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

async function waitFor(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise(r => setTimeout(r, 200));
  }
}
