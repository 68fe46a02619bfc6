// @ts-check
const fs = require('node:fs');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { LaunchError } = require('./LaunchError');

/**
 * Polls the backend's readiness endpoint until it answers 200, failing early
 * when the process exits.
 *
 * @param {string} baseUrl
 * @param {import('node:child_process').ChildProcess} child
 * @param {number} timeoutMs
 * @param {string} logFile
 */
async function waitForReadiness(baseUrl, child, timeoutMs, logFile) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new LaunchError(
        `The backend exited with code ${child.exitCode} before it was ready; see ${logFile}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise(r => setTimeout(r, 500));
  }
  throw new LaunchError(
    `The backend was not ready at ${baseUrl} within ${
      timeoutMs / 1000
    }s; see ${logFile}`,
  );
}

/**
 * Starts the real backend (`backstage-cli package start`) with the given config
 * files, its output in `logFile`, and resolves once it reports ready.
 *
 * @param {{
 *   root: string,
 *   configs: string[],
 *   env: NodeJS.ProcessEnv,
 *   logFile: string,
 *   baseUrl?: string,
 *   readyTimeoutMs?: number,
 * }} options
 */
async function startBackend({
  root,
  configs,
  env,
  logFile,
  baseUrl = 'http://localhost:7007',
  readyTimeoutMs = 180_000,
}) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  const args = ['workspace', 'backend', 'start'];
  for (const config of configs) {
    args.push('--config', path.resolve(root, config));
  }
  const child = spawn('yarn', args, {
    cwd: root,
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  const exited = new Promise(resolve => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await exited;
    }
    fs.closeSync(out);
  };
  try {
    await waitForReadiness(baseUrl, child, readyTimeoutMs, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  // kill() ends it at once, as a crash would: no shutdown hooks run.
  const kill = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await exited;
    }
    fs.closeSync(out);
  };
  return { baseUrl, logFile, stop, kill };
}

module.exports = { startBackend };
