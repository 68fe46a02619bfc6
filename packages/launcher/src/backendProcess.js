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
 * Runs `command` in its own process group with its output in `logFile`.
 * `stop()` ends the group with SIGTERM, `kill()` with SIGKILL (as a crash
 * would: no shutdown hooks run); either may be called any number of times, in
 * any order, and resolves once the process has exited.
 *
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv, logFile: string }} options
 */
function spawnLogged(command, args, { cwd, env, logFile }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'w');
  let child;
  try {
    child = spawn(command, args, {
      cwd,
      env,
      stdio: ['ignore', out, out],
      detached: true,
    });
  } finally {
    // The child has its own copy of the descriptor: ours is not needed, and
    // closing it here is the only place it is closed.
    fs.closeSync(out);
  }
  const exited = new Promise(resolve => {
    child.once('exit', resolve);
    child.once('error', resolve);
  });
  const end = async (/** @type {NodeJS.Signals} */ signal) => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, signal);
      } catch {
        // already gone
      }
    }
    await exited;
  };
  return {
    child,
    stop: () => end('SIGTERM'),
    kill: () => end('SIGKILL'),
  };
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
  const args = ['workspace', 'backend', 'start'];
  for (const config of configs) {
    args.push('--config', path.resolve(root, config));
  }
  const { child, stop, kill } = spawnLogged('yarn', args, {
    cwd: root,
    env,
    logFile,
  });
  try {
    await waitForReadiness(baseUrl, child, readyTimeoutMs, logFile);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, logFile, stop, kill };
}

module.exports = { startBackend, spawnLogged };
