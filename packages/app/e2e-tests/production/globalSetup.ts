import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
} from '@internal/launcher';
import { freePort, orgLdif, startSlapd } from '@internal/test-utils';
import { startOidcProvider } from './oidcProvider';
import { ldapOrg, person } from './org';
import { prepareProductionApp, productionWorkDir } from './productionApp';
import { startProductionBackend } from './productionBackend';

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
 * The production browser test's world: the production bundle, built and
 * installed as the image does it, started with NODE_ENV=production and only
 * the environment a company sets, on a real Postgres, signing people in
 * through a real OpenID Connect provider and reading them from a real slapd.
 */
export default async function globalSetup(config: FullConfig) {
  if (!config.filteredProjects.some(project => project.name === 'production')) {
    return undefined;
  }
  const stops: Array<() => Promise<unknown>> = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) {
      await stop();
    }
  };
  try {
    const appDir = await prepareProductionApp({
      root,
      dir: productionWorkDir(root),
      logFile: path.join(results, 'build.log'),
      log,
    });

    const db = await provideTestPostgres({ root, log });
    stops.push(db.stop);
    await dropDatabases(db.connection, DATABASE_PREFIX);
    // The development tests' setup, which runs next, uses the same server
    // instead of starting a second embedded one on the same port.
    Object.assign(process.env, databaseEnv(db.connection));

    const org = orgLdif(ldapOrg);
    const slapd = await startSlapd({ ldif: org.ldif });
    stops.push(slapd.stop);

    const baseUrl = `http://localhost:${await freePort()}`;
    const client = {
      id: 'greenroom',
      secret: crypto.randomBytes(24).toString('base64url'),
      // the backend's `oidc` provider's callback
      redirectUri: `${baseUrl}/api/auth/oidc/handler/frame`,
    };
    const oidc = await startOidcProvider({
      client,
      account: { id: person.login, email: person.email, name: person.name },
    });
    stops.push(oidc.stop);

    const backendSecret = crypto.randomBytes(32).toString('base64');
    const logFile = path.join(results, 'backend.log');
    const backend = await startProductionBackend({
      appDir,
      baseUrl,
      logFile,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        GREENROOM_BASE_URL: baseUrl,
        BACKEND_SECRET: backendSecret,
        ...databaseEnv(db.connection),
        // Production requires a password; CI's Postgres trusts local
        // connections and ignores it.
        POSTGRES_PASSWORD: db.connection.password || 'unused-with-trust',
        AUTH_OIDC_METADATA_URL: oidc.metadataUrl,
        AUTH_OIDC_CLIENT_ID: client.id,
        AUTH_OIDC_CLIENT_SECRET: client.secret,
        LDAP_URL: slapd.url,
        LDAP_BIND_DN: slapd.bindDn,
        LDAP_BIND_PASSWORD: slapd.bindPassword,
        LDAP_USERS_BASE_DN: org.usersDn,
        LDAP_GROUPS_BASE_DN: org.groupsDn,
        // Backstage's own APP_CONFIG_ overrides: a free port instead of the
        // image's 7007, and databases of the test's own.
        APP_CONFIG_backend_listen: `:${new URL(baseUrl).port}`,
        APP_CONFIG_backend_database_prefix: DATABASE_PREFIX,
      },
    });
    stops.push(async () => {
      const { rssMiB, peakMiB } = backend.memory();
      log(`backend memory at the end: RSS ${rssMiB} MiB, peak ${peakMiB} MiB`);
      const { killed } = await backend.stop();
      if (killed) {
        log('backend did not exit within 10 s of SIGTERM; killed');
      }
    });
    log(
      `backend ready ${(backend.readyMs / 1000).toFixed(1)} s after start, ` +
        `RSS ${backend.rssMiB} MiB (log: ${logFile})`,
    );
    fs.writeFileSync(
      path.join(results, 'startup.json'),
      JSON.stringify(
        { readyMs: backend.readyMs, rssMiB: backend.rssMiB },
        null,
        2,
      ),
    );

    // For the tests' processes (playwright.config.ts and the tests read them).
    Object.assign(process.env, {
      GREENROOM_PRODUCTION_URL: baseUrl,
      GREENROOM_PRODUCTION_SECRET: backendSecret,
      GREENROOM_PRODUCTION_LDAP_USERS_DN: org.usersDn,
      GREENROOM_PRODUCTION_LOG: logFile,
    });
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
