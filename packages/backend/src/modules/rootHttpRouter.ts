import { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { RootLifecycleService } from '@backstage/backend-plugin-api';
import { isIP } from 'node:net';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { recentDenials } from '@internal/plugin-access-control-node';
import { explainForbidden } from './explainForbidden';

/**
 * The request comes from this host, not from a browser and not through a
 * proxy: one backend plugin calling another (the catalog client of
 * scorecards, docs and search, the events bus), or a script on the same
 * machine.
 */
export function isLocalBackendCall(req: IncomingMessage): boolean {
  const address = req.socket.remoteAddress ?? '';
  const loopback =
    address === '::1' ||
    (isIP(address) === 4 && address.startsWith('127.')) ||
    address.startsWith('::ffff:127.');
  // Every browser's User-Agent starts with "Mozilla/"; a reverse proxy or a
  // sidecar on the same host passes the browser's on, and says it forwards.
  const browser = (req.headers['user-agent'] ?? '').startsWith('Mozilla/');
  const forwarded =
    'x-forwarded-for' in req.headers ||
    'forwarded' in req.headers ||
    'via' in req.headers;
  return loopback && !browser && !forwarded;
}

/**
 * Answers local backend calls uncompressed. Compressing them saves no
 * bandwidth and costs CPU on the main thread twice (gzip here, gunzip in the
 * caller): during a 10,000-entity ingestion the change-feed consumers' catalog
 * reads spent 5 s of it, slowing the catalog itself.
 */
export function uncompressedLocalBackendCalls(
  req: IncomingMessage,
  _res: ServerResponse,
  next: () => void,
) {
  if (isLocalBackendCall(req)) delete req.headers['accept-encoding'];
  next();
}

/** How long requests in progress at shutdown get before their connections are closed. */
export const SHUTDOWN_DRAIN_MS = 5000;

/**
 * Closes the connections still open {@link SHUTDOWN_DRAIN_MS} after shutdown
 * starts. Outside development, Backstage's server closes only idle
 * connections at shutdown and waits for the others, and the events bus holds
 * its subscribers' long polls open for up to 55 s (its listeners are not
 * released at shutdown): the backend took ~50 s to exit on SIGTERM, past
 * Docker's 10 s and Kubernetes' 30 s grace periods. A client whose long poll
 * is cut polls again, on another replica.
 */
export function closeLingeringConnectionsAtShutdown(
  server: Server,
  lifecycle: Pick<RootLifecycleService, 'addShutdownHook'>,
) {
  // runs alongside Backstage's own hook, which closes the server
  lifecycle.addShutdownHook(async () => {
    if (!server.listening) return;
    const closed = new Promise(resolve => server.once('close', resolve));
    const timer = setTimeout(
      () => server.closeAllConnections(),
      SHUTDOWN_DRAIN_MS,
    );
    await closed;
    clearTimeout(timer);
  });
}

/**
 * Backstage's root HTTP router with {@link uncompressedLocalBackendCalls} and
 * {@link explainForbidden} in front, and
 * {@link closeLingeringConnectionsAtShutdown}.
 */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, server, lifecycle, config, applyDefaults }) {
    app.use(uncompressedLocalBackendCalls);
    app.use(
      explainForbidden(recentDenials, {
        // where user tokens are issued, and their keys served
        baseUrl: `${config.getString('backend.baseUrl')}/api/auth`,
      }),
    );
    closeLingeringConnectionsAtShutdown(server, lifecycle);
    applyDefaults();
  },
});
