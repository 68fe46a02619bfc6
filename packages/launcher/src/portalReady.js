// @ts-check

/**
 * Resolves once every URL answers with a 2xx status, polling each until it
 * does; resolves `false` instead when `isRunning()` turns false first (the
 * portal exited), so the caller prints nothing for a portal that never came up.
 *
 * @param {{
 *   urls: string[],
 *   isRunning: () => boolean,
 *   intervalMs?: number,
 * }} options
 * @returns {Promise<boolean>}
 */
async function waitForPortal({ urls, isRunning, intervalMs = 1000 }) {
  const pending = new Set(urls);
  while (pending.size > 0) {
    if (!isRunning()) return false;
    for (const url of [...pending]) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
        await res.body?.cancel();
        if (res.ok) pending.delete(url);
      } catch {
        // not listening yet, or the app's first build is still running
      }
    }
    if (pending.size > 0) {
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
  return isRunning();
}

/**
 * The lines printed once the portal answers: where it is, how to sign in,
 * where its data lives and how to stop it.
 *
 * @param {{
 *   appUrl: string,
 *   database: { embedded: true, dataDir: string, port: number }
 *     | { embedded: false, host: string, port: number },
 * }} options
 * @returns {string[]}
 */
function readyBanner({ appUrl, database }) {
  const data = database.embedded
    ? `the embedded PostgreSQL (port ${database.port}), files in ${database.dataDir}`
    : `the PostgreSQL server at ${database.host}:${database.port}`;
  return [
    `Greenroom is ready: ${appUrl}`,
    '  sign in   press Enter (guest sign-in, development only)',
    `  data      ${data}`,
    '  stop      Ctrl-C',
  ];
}

module.exports = { waitForPortal, readyBanner };
