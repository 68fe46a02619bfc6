import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import catalogModuleGithub from '@backstage/plugin-catalog-backend-module-github';
import catalogModuleLdap from '@backstage/plugin-catalog-backend-module-ldap';
import searchPlugin from '@backstage/plugin-search-backend';
import searchModuleCatalog from '@backstage/plugin-search-backend-module-catalog';
import searchModulePg from '@backstage/plugin-search-backend-module-pg';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import techdocsModuleNodeGenerator from '@internal/plugin-techdocs-backend-module-node-generator';
import scorecardsPlugin from '@internal/plugin-scorecards-backend';
import {
  countingScheduler,
  createTestDatabases,
  orgLdif,
  SchedulerCounts,
  sharedPluginDatabases,
  Slapd,
  startSlapd,
  waitUntil,
} from '@internal/test-utils';
import { JsonObject } from '@backstage/config';
import { setupServer } from 'msw/node';
import { discoveryConfigFromEnv } from './config/discoveryFromEnv';
import { orgConfigFromEnv } from './config/orgFromEnv';
import { catalogModuleLdapEntityNames } from './modules/org';
import { fakeGithubApp } from './modules/org/__testUtils__/fakeGithubApp';

// Scheduled work runs once across replicas: two backends with the stock org
// provider (LDAP, against a real slapd), the stock GitHub discovery (GitHub
// answered by msw, __testUtils__/fakeGithubApp.ts), the search collators, the
// docs prebuild and the scorecards, on the real scheduler and one Postgres,
// each task every 3 s. Each backend's scheduler records the runs it makes.

jest.setTimeout(180_000);

const databases = createTestDatabases();
const PERIOD_MS = 3_000;
const every3s = {
  frequency: { seconds: 3 },
  timeout: { seconds: 60 },
  initialDelay: { seconds: 1 },
};
/** The global tasks of the features below. */
const TASKS = [
  'LdapOrgEntityProvider:default:refresh',
  'github-provider:default:refresh',
  'search_index_software_catalog',
  'techdocs-node-generator-prebuild-reconcile',
  'scorecards-evaluate-all',
];

type Run = NonNullable<SchedulerCounts['runs']>[number];

describe('scheduled work across two replicas on one database', () => {
  let slapd: Slapd;
  const publishDirectory = fs.mkdtempSync(
    path.join(os.tmpdir(), 'replicas-techdocs-'),
  );
  const org = orgLdif({
    people: [{ uid: 'alice', name: 'Alice Martin', mail: 'alice@example.org' }],
    groups: [{ cn: 'platform', members: ['alice'] }],
  });

  const github = fakeGithubApp({
    org: 'acme',
    repositories: [
      {
        name: 'payments-api',
        file: 'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata: { name: payments-api }\nspec: { type: service, lifecycle: production, owner: platform }\n',
      },
    ],
  });
  const githubServer = setupServer(...github.handlers);

  beforeAll(async () => {
    githubServer.listen({ onUnhandledRequest: 'bypass' });
    slapd = await startSlapd({ ldif: org.ldif });
  });
  afterAll(async () => {
    githubServer.close();
    await slapd?.stop();
    fs.rmSync(publishDirectory, { recursive: true, force: true });
  });

  const startReplica = async (
    database: ReturnType<typeof sharedPluginDatabases>,
  ) => {
    const { config: orgConfig, errors } = orgConfigFromEnv({
      LDAP_URL: slapd.url,
      LDAP_BIND_DN: slapd.bindDn,
      LDAP_BIND_PASSWORD: slapd.bindPassword,
      LDAP_USERS_BASE_DN: org.usersDn,
      LDAP_GROUPS_BASE_DN: org.groupsDn,
      // 3 s
      CATALOG_PROVIDERS_SCHEDULE_MINUTES: '0.05',
    });
    const githubEnv = {
      ...github.env,
      GITHUB_DISCOVERY: 'true',
      CATALOG_PROVIDERS_SCHEDULE_MINUTES: '0.05',
    };
    const githubApp = orgConfigFromEnv(githubEnv);
    const discovery = discoveryConfigFromEnv(githubEnv);
    errors.push(...githubApp.errors, ...discovery.errors);
    if (errors.length) throw new Error(errors.join('\n'));
    const counts: SchedulerCounts = {
      scheduled: [],
      started: new Map(),
      finished: new Map(),
      runs: [],
    };
    const backend = await startTestBackend({
      features: [
        catalogPlugin,
        catalogModuleLdap,
        catalogModuleLdapEntityNames,
        catalogModuleGithub,
        searchPlugin,
        searchModulePg,
        searchModuleCatalog,
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        scorecardsPlugin,
        database,
        countingScheduler(counts),
        mockServices.rootConfig.factory({
          data: {
            ...orgConfig,
            // the App's integration, and discovery beside the LDAP provider
            integrations: githubApp.config.integrations,
            catalog: {
              ...(orgConfig.catalog as JsonObject),
              providers: {
                ...((orgConfig.catalog as JsonObject).providers as JsonObject),
                ...((discovery.config.catalog as JsonObject)
                  .providers as JsonObject),
              },
            },
            search: { collators: { catalog: { schedule: every3s } } },
            techdocs: {
              builder: 'local',
              publisher: { type: 'local', local: { publishDirectory } },
              nodeGenerator: { prebuild: { schedule: every3s } },
            },
            scorecards: {
              definitions: [path.resolve(__dirname, '../../../scorecards')],
              schedule: every3s,
            },
          },
        }),
      ],
    });
    return {
      /** The runs this replica made. */
      runs: () => counts.runs!,
      scheduled: counts.scheduled,
      stop: () => backend.stop(),
    };
  };

  /** The runs of `task`, across replicas, in the order they started. */
  const runsOf = (all: Run[], task: string) =>
    all.filter(r => r.id === task).sort((a, b) => a.startedAt - b.startedAt);

  it('runs each global task once per period across the replicas, and on the survivor alone after one stops', async () => {
    const database = sharedPluginDatabases(databases);
    const a = await startReplica(database);
    const b = await startReplica(database);
    let bStopped = false;
    try {
      expect(a.scheduled).toEqual(expect.arrayContaining(TASKS));
      expect(b.scheduled).toEqual(expect.arrayContaining(TASKS));

      const all = () => [...a.runs(), ...b.runs()];
      const finishedRuns = (task: string) =>
        runsOf(all(), task).filter(r => r.endedAt !== undefined).length;
      await waitUntil(async () => TASKS.every(t => finishedRuns(t) >= 4), {
        timeoutMs: 90_000,
        what: () =>
          `4 finished runs of each task (${TASKS.map(
            t => `${t}: ${finishedRuns(t)}`,
          ).join(', ')})`,
      });
      await b.stop();
      bStopped = true;
      const stoppedAt = Date.now();
      const runsOfA = (task: string) =>
        a.runs().filter(r => r.id === task && r.startedAt > stoppedAt).length;
      await waitUntil(async () => TASKS.every(t => runsOfA(t) >= 2), {
        timeoutMs: 60_000,
        what: () =>
          `2 runs of each task on a after b stopped (${TASKS.map(
            t => `${t}: ${runsOfA(t)}`,
          ).join(', ')})`,
      });

      for (const task of TASKS) {
        const runs = runsOf(all(), task);
        const overlaps = runs.filter(
          (r, i) => i > 0 && r.startedAt < (runs[i - 1].endedAt ?? Infinity),
        ).length;
        // A run starts when a replica's poll (every period) finds its time
        // has come, so one can start late and the next on time; but a task
        // run by both replicas would start twice per period.
        const span = runs[runs.length - 1].startedAt - runs[0].startedAt;
        const atMost = Math.floor(span / PERIOD_MS) + 2;
        expect({ task, overlaps, tooMany: runs.length > atMost }).toEqual({
          task,
          overlaps: 0,
          tooMany: false,
        });
      }
      // each discovery run read the organization's repositories from GitHub
      // once (one page), whichever replica ran it
      const discoveryRuns = runsOf(all(), 'github-provider:default:refresh');
      expect(github.asked.length).toBeGreaterThanOrEqual(
        discoveryRuns.filter(r => r.endedAt !== undefined).length,
      );
      expect(github.asked.length).toBeLessThanOrEqual(discoveryRuns.length);
    } finally {
      await a.stop();
      if (!bStopped) await b.stop();
    }
  });
});
