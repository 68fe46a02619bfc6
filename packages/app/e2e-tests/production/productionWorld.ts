import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  databaseEnv,
  dropDatabases,
  provideTestPostgres,
} from '@internal/launcher';
import {
  freePort,
  LdapGroup,
  LdapPerson,
  orgLdif,
  startSlapd,
} from '@internal/test-utils';
import { OidcAccount, startOidcProvider } from './oidcProvider';
import { prepareProductionApp, productionWorkDir } from './productionApp';
import { startProductionBackend } from './productionBackend';

/**
 * A company's production Greenroom, as the browser test and the production
 * bench run it: the production bundle, built and installed as the image does
 * it, started with NODE_ENV=production and only the environment a company
 * sets, on a real Postgres, signing people in through a real OpenID Connect
 * provider and reading people and teams from a real slapd.
 */
export async function startProductionWorld(options: {
  root: string;
  /** Where the build log and the backend's log go. */
  results: string;
  /** Database name prefix of the backend, dropped first. */
  databasePrefix: string;
  /** The directory's people and groups. */
  org: { people: LdapPerson[]; groups: LdapGroup[] };
  /** The accounts the OIDC provider signs in. */
  accounts: OidcAccount[];
  /** More of the environment a company sets (GREENROOM_ADMINS, ...). */
  env?: Record<string, string>;
  /**
   * Catalog files served over HTTP to the backend, by path (`/software.yaml`),
   * which the backend may read (`backend.reading.allow`): what a company's
   * repositories would hold. `locations` lists those the config registers,
   * with the rules of each; the rest can be registered through the API.
   */
  catalogFiles?: {
    files: Record<string, string>;
    locations: Array<{ path: string; allow: string[] }>;
  };
  log: (line: string) => void;
}) {
  const { root, results, databasePrefix, log } = options;
  const stops: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const next of stops.reverse()) {
      await next();
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
    await dropDatabases(db.connection, databasePrefix);

    const org = orgLdif(options.org);
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
      accounts: options.accounts,
    });

    const files = options.catalogFiles
      ? await serveFiles(options.catalogFiles.files)
      : undefined;
    if (files) stops.push(files.stop);
    const catalogEnv: Record<string, string> =
      files && options.catalogFiles
        ? {
            APP_CONFIG_backend_reading_allow: JSON.stringify([
              { host: files.host },
            ]),
            // replaces catalog.locations: the templates, then the files
            APP_CONFIG_catalog_locations: JSON.stringify([
              { type: 'file', target: './templates/catalog-info.yaml' },
              ...options.catalogFiles.locations.map(l => ({
                type: 'url',
                target: `${files.baseUrl}${l.path}`,
                rules: [{ allow: l.allow }],
              })),
            ]),
          }
        : {};
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
        // image's 7007, and databases of the world's own.
        APP_CONFIG_backend_listen: `:${new URL(baseUrl).port}`,
        APP_CONFIG_backend_database_prefix: databasePrefix,
        ...catalogEnv,
        ...options.env,
      },
    });
    let stopped = false;
    const stopBackend = async (stopOptions?: { graceMs?: number }) => {
      if (stopped) return { killed: false };
      stopped = true;
      return backend.stop(stopOptions);
    };
    stops.push(async () => {
      if (stopped) return;
      const { rssMiB, peakMiB } = backend.memory();
      log(`backend memory at the end: RSS ${rssMiB} MiB, peak ${peakMiB} MiB`);
      const { killed } = await stopBackend();
      if (killed) {
        log('backend did not exit within 10 s of SIGTERM; killed');
      }
    });
    return {
      baseUrl,
      backendSecret,
      backend,
      /** Stops the backend alone (SIGTERM, then SIGKILL after the grace period). */
      stopBackend,
      db,
      org,
      logFile,
      /** Where `catalogFiles` are served, e.g. http://127.0.0.1:1234 */
      filesUrl: files?.baseUrl,
      /** Stops everything, the backend first. */
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Serves `files` (path to content) on a free port of 127.0.0.1. */
async function serveFiles(files: Record<string, string>) {
  const server = http.createServer((req, res) => {
    const body = files[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, {
      'content-type': 'text/yaml',
    });
    res.end(body ?? 'not found');
  });
  await new Promise<void>(resolve =>
    server.listen(0, '127.0.0.1', () => resolve()),
  );
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
