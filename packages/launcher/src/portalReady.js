// @ts-check

/**
 * Resolves `true` once every URL has answered with a 2xx status, polling them
 * one after the other in the given order (each until it answers, then the
 * next), or `false` when `isRunning()` turns false first (the portal exited),
 * so the caller prints nothing for a portal that never came up.
 *
 * `./greenroom start` passes the app first: its first build takes longest, and
 * the backend, which logs every request it refuses, is then asked only once.
 *
 * @param {{
 *   urls: string[],
 *   isRunning: () => boolean,
 *   intervalMs?: number,
 * }} options
 * @returns {Promise<boolean>}
 */
async function waitForPortal({ urls, isRunning, intervalMs = 1000 }) {
  for (const url of urls) {
    while (!(await answers(url))) {
      if (!isRunning()) return false;
      await new Promise(resolve => setTimeout(resolve, intervalMs));
    }
  }
  return isRunning();
}

/** @param {string} url */
async function answers(url) {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false; // not listening yet, or the app's first build is still running
  }
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
