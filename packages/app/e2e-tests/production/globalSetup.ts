import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import { databaseEnv } from '@internal/launcher';
import {
  matrixPeople,
  productionAccounts,
  productionCatalogFiles,
  productionOrg,
} from './org';
import { startProductionWorld } from './productionWorld';

const root = path.resolve(__dirname, '../../../..');
const results = path.join(root, 'e2e-test-results', 'production');

/**
 * Database name prefix of the production backend, dropped before every run;
 * not starting with the development tests' `greenroom_e2e_`, which their
 * setup drops.
 */
const DATABASE_PREFIX = 'greenroom_production_e2e_';

const log = (line: string) => process.stdout.write(`[production] ${line}\n`);

/**
 * The production browser tests' world (see startProductionWorld), with the
 * company of ./org: its teams in LDAP, the OIDC accounts of its people, its
 * admins and platform engineers, and the catalog files of its repositories. Does nothing unless the `production` project runs.
 */
export default async function globalSetup(config: FullConfig) {
  if (!config.filteredProjects.some(project => project.name === 'production')) {
    return undefined;
  }
  const ciToken = crypto.randomBytes(32).toString('base64url');
  const world = await startProductionWorld({
    root,
    results,
    databasePrefix: DATABASE_PREFIX,
    org: productionOrg,
    accounts: productionAccounts,
    catalogFiles: productionCatalogFiles,
    env: {
      GREENROOM_ADMINS: `user:default/${matrixPeople.admin.uid}`,
      GREENROOM_PLATFORM_ENGINEERS: 'group:default/platform-engineering',
      GREENROOM_CI_TOKEN: ciToken,
    },
    log,
  });
  const { backend, baseUrl } = world;
  log(
    `backend ready ${(backend.readyMs / 1000).toFixed(1)} s after start, ` +
      `RSS ${backend.rssMiB} MiB (log: ${world.logFile})`,
  );
  fs.writeFileSync(
    path.join(results, 'startup.json'),
    JSON.stringify(
      { readyMs: backend.readyMs, rssMiB: backend.rssMiB },
      null,
      2,
    ),
  );

  // The development tests' setup, which runs next, uses the same server
  // instead of starting a second embedded one on the same port; the tests'
  // processes read the rest (playwright.config.ts and the tests).
  Object.assign(process.env, {
    ...databaseEnv(world.db.connection),
    GREENROOM_PRODUCTION_URL: baseUrl,
    GREENROOM_PRODUCTION_SECRET: world.backendSecret,
    GREENROOM_PRODUCTION_LDAP_USERS_DN: world.org.usersDn,
    GREENROOM_PRODUCTION_LOG: world.logFile,
    GREENROOM_PRODUCTION_FILES_URL: world.filesUrl!,
    GREENROOM_PRODUCTION_CI_TOKEN: ciToken,
  });
  return world.stop;
}
