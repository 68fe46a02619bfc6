import { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { rootHttpRouterServiceFactory } from '@backstage/backend-defaults/rootHttpRouter';

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

/** Backstage's root HTTP router with {@link uncompressedLocalBackendCalls} in front. */
export const rootHttpRouter = rootHttpRouterServiceFactory({
  configure({ app, applyDefaults }) {
    app.use(uncompressedLocalBackendCalls);
    applyDefaults();
  },
});
