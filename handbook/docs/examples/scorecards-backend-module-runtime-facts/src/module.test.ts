import path from 'node:path';
import request from 'supertest';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
// The test runs the module in the real plugin it extends.
// eslint-disable-next-line @backstage/no-mixed-plugin-imports
import scorecardsPlugin from '@internal/plugin-scorecards-backend';
import { createTestDatabases } from '@internal/test-utils';
import { scorecardsModuleRuntimeFacts } from './module';
import { NODE_VERSION_ANNOTATION } from './RuntimeFactProvider';

jest.setTimeout(60_000);

// The real scorecards backend on Postgres (scripts/with-test-postgres.js
// provides one), with this module and the scorecard the handbook shows.
const databases = createTestDatabases();

const service = (name: string, nodeVersion?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: nodeVersion ? { [NODE_VERSION_ANNOTATION]: nodeVersion } : {},
  },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
});

describe('the runtime facts in a scorecards backend', () => {
  let server: Parameters<typeof request>[0];

  beforeAll(async () => {
    const [[databaseId]] = databases.eachSupportedId();
    const knex = await databases.init(databaseId);
    ({ server } = await startTestBackend({
      features: [
        scorecardsPlugin,
        scorecardsModuleRuntimeFacts,
        catalogServiceMock.factory({
          entities: [
            service('current', '24.1.0'),
            service('old', '18'),
            service('silent'),
            service('typo', 'latest'),
          ],
        }),
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({
          data: {
            scorecards: {
              definitions: [path.resolve(__dirname, '../scorecards')],
            },
          },
        }),
        createServiceFactory({
          service: notificationService,
          deps: {},
          factory: () => ({ send: async () => {} }),
        }),
      ],
    }));
  });

  /** Evaluates the component now, then reads its result on `runtime`. */
  async function scoreOf(name: string) {
    const url = `/api/scorecards/entities/default/component/${name}`;
    const auth = mockCredentials.user.header();
    await request(server)
      .post(`${url}/refresh`)
      .set('Authorization', auth)
      .expect(200);
    const res = await request(server).get(url).set('Authorization', auth);
    expect(res.status).toBe(200);
    const result = res.body.results.find(
      (r: { scorecardId: string }) => r.scorecardId === 'runtime',
    );
    return {
      level: result.level,
      checks: result.checks.map(
        (c: { checkId: string; status: string; reason?: string }) => [
          c.checkId,
          c.status,
          ...(c.status === 'pass' ? [] : [c.reason]),
        ],
      ),
    };
  }

  it('gives silver to a service on Node.js 22 or later', async () => {
    expect(await scoreOf('current')).toEqual({
      level: 'silver',
      checks: [
        ['declares-node', 'pass'],
        ['node-supported', 'pass'],
      ],
    });
  });

  it('gives bronze to a service on an old Node.js', async () => {
    expect(await scoreOf('old')).toEqual({
      level: 'bronze',
      checks: [
        ['declares-node', 'pass'],
        [
          'node-supported',
          'fail',
          'expected runtime.nodeMajor >= 22; runtime.nodeMajor is 18',
        ],
      ],
    });
  });

  it('gives no level to a service that declares nothing', async () => {
    const score = await scoreOf('silent');
    expect(score.level).toBeNull();
    expect(score.checks[0].slice(0, 2)).toEqual(['declares-node', 'fail']);
  });

  it('marks the checks as errors, with the reason, when the annotation is not a version', async () => {
    const score = await scoreOf('typo');
    expect(score.level).toBeNull();
    expect(score.checks).toEqual([
      [
        'declares-node',
        'error',
        expect.stringContaining(
          "greenroom.io/node-version is 'latest', not a version",
        ),
      ],
      ['node-supported', 'error', expect.stringContaining("'latest'")],
    ]);
  });
});
