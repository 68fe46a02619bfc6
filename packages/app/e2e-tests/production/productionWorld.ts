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
  startHaproxy,
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
  /**
   * Backends on the one database, each on a port of its own, behind a
   * health-checked HAProxy (whose address is then `baseUrl`), as a
   * Kubernetes Service puts pods behind one address. One, without a proxy,
   * by default.
   */
  replicas?: number;
  log: (line: string) => void;
}) {
  const { root, results, databasePrefix, log } = options;
  const replicaCount = options.replicas ?? 1;
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

    const replicaPorts = await Promise.all(
      Array.from({ length: replicaCount }, () => freePort()),
    );
    const proxyPort = replicaCount > 1 ? await freePort() : undefined;
    const baseUrl = proxyPort
      ? `http://127.0.0.1:${proxyPort}`
      : `http://localhost:${replicaPorts[0]}`;
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
            // replaces catalog.locations: the templates, the demo company
            // when asked for, then the files
            APP_CONFIG_catalog_locations: JSON.stringify([
              { type: 'file', target: './templates/catalog-info.yaml' },
              ...(options.env?.GREENROOM_DEMO === 'true'
                ? [{ type: 'file', target: './demo/catalog.yaml' }]
                : []),
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
    const env = {
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
      // Backstage's own APP_CONFIG_ overrides: databases of the world's own.
      APP_CONFIG_backend_database_prefix: databasePrefix,
      ...catalogEnv,
      ...options.env,
    };
    const replicas = replicaPorts.map((port, i) =>
      replica({
        name: replicaCount > 1 ? `replica-${i + 1}` : 'backend',
        port,
        appDir,
        results,
        // a free port instead of the image's 7007
        env: { ...env, APP_CONFIG_backend_listen: `:${port}` },
      }),
    );
    for (const r of replicas) {
      await r.start();
      stops.push(async () => {
        if (!r.current()) return;
        const { rssMiB, peakMiB } = r.current()!.memory();
        log(
          `${r.name} memory at the end: RSS ${rssMiB} MiB, peak ${peakMiB} MiB`,
        );
        const { killed } = await r.stop();
        if (killed)
          log(`${r.name} did not exit within 10 s of SIGTERM; killed`);
      });
    }
    const proxy = proxyPort
      ? await startHaproxy({
          port: proxyPort,
          servers: replicas.map(r => ({ name: r.name, port: r.port })),
          healthPath: '/.backstage/health/v1/readiness',
        })
      : undefined;
    if (proxy) stops.push(proxy.stop);
    const [first] = replicas;
    return {
      baseUrl,
      backendSecret,
      /** The first replica's backend, as started. */
      backend: first.current()!,
      /** Stops the backends alone (SIGTERM, then SIGKILL after the grace period). */
      stopBackend: async (stopOptions?: { graceMs?: number }) => {
        const outcomes = await Promise.all(
          replicas.map(r => r.stop(stopOptions)),
        );
        return { killed: outcomes.some(o => o.killed) };
      },
      replicas,
      /** The health-checked proxy in front of several replicas. */
      proxy,
      db,
      org,
      /** The first replica's log. */
      logFile: first.logFile(),
      /** Where `catalogFiles` are served, e.g. http://127.0.0.1:1234 */
      filesUrl: files?.baseUrl,
      /** Stops everything, the backends first. */
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * One backend of the world, which can be stopped, killed and started again
 * (each start logs to a file of its own: `<name>.log`, `<name>-2.log`, ...).
 */
function replica(options: {
  name: string;
  port: number;
  appDir: string;
  results: string;
  env: NodeJS.ProcessEnv;
}) {
  const { name, port, appDir, results, env } = options;
  let backend: Awaited<ReturnType<typeof startProductionBackend>> | undefined;
  let starts = 0;
  const logFile = () =>
    path.join(results, starts > 1 ? `${name}-${starts}.log` : `${name}.log`);
  return {
    name,
    port,
    /** Its own address, not the proxy's. */
    url: `http://127.0.0.1:${port}`,
    logFile,
    /** The running backend, if any. */
    current: () => backend,
    /** Starts it, and resolves once it is ready. */
    async start() {
      starts += 1;
      backend = await startProductionBackend({
        appDir,
        baseUrl: `http://127.0.0.1:${port}`,
        logFile: logFile(),
        env,
      });
      return backend;
    },
    /** SIGTERM, then SIGKILL after the grace period. */
    async stop(stopOptions?: { graceMs?: number }) {
      const running = backend;
      backend = undefined;
      return running ? running.stop(stopOptions) : { killed: false };
    },
    /** SIGKILL, as a node failure or the OOM killer would. */
    async kill() {
      const running = backend;
      backend = undefined;
      await running?.kill();
    },
  };
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
