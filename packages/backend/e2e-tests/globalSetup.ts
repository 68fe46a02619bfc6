import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
  startBackend,
} from '@internal/launcher';

const root = path.resolve(__dirname, '../../..');

/** Database name prefix of the test backend; dropped before every run. */
const DATABASE_PREFIX = 'greenroom_e2e_';

/** The projects that run against this backend. */
const PROJECTS = ['backend', 'app'];

export default async function globalSetup(config: FullConfig) {
  if (!config.filteredProjects.some(({ name }) => PROJECTS.includes(name))) {
    return undefined;
  }
  const db = await provideTestPostgres({ root, log: console.log });
  await dropDatabases(db.connection, DATABASE_PREFIX);
  // app-config.e2e.yaml publishes TechDocs sites here.
  fs.rmSync(path.join(root, '.data', 'e2e-techdocs'), {
    recursive: true,
    force: true,
  });

  // The template browser test creates repositories here.
  fs.rmSync(path.join(root, '.data', 'e2e-repositories'), {
    recursive: true,
    force: true,
  });
  // The scorecards browser test edits this entity's file.
  const scorecardsFixture = path.join(root, '.data', 'e2e-scorecards');
  fs.rmSync(scorecardsFixture, { recursive: true, force: true });
  fs.mkdirSync(scorecardsFixture, { recursive: true });
  fs.copyFileSync(
    path.join(__dirname, 'fixtures', 'scorecards', 'catalog-info.yaml'),
    path.join(scorecardsFixture, 'catalog-info.yaml'),
  );

  const backend = await startBackend({
    root,
    configs: [
      'app-config.yaml',
      'packages/backend/e2e-tests/app-config.e2e.yaml',
    ],
    env: { ...process.env, ...databaseEnv(db.connection) },
    logFile: path.join(root, 'e2e-test-results', 'backend.log'),
  });
  process.env.GREENROOM_BACKEND_LOG = backend.logFile;
  // The tests' own processes reach the same database.
  Object.assign(process.env, databaseEnv(db.connection));

  return async () => {
    await backend.stop();
    await db.stop();
  };
}
