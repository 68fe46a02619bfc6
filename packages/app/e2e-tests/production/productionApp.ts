import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const seconds = (since: number) =>
  `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** Runs a command with its output appended to `logFile`; a failure names the log. */
async function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; logFile: string },
): Promise<void> {
  const out = fs.openSync(options.logFile, 'a');
  try {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', out, out],
    });
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once('error', reject);
      child.once('exit', resolve);
    });
    if (code !== 0) {
      throw new Error(
        `${command} ${args.join(' ')} exited with ${code} in ${
          options.cwd
        }; its output is in ${options.logFile}`,
      );
    }
  } finally {
    fs.closeSync(out);
  }
}

/**
 * Where the production build and its installed app are kept between runs of
 * the browser test and the production bench: GREENROOM_PRODUCTION_DIR, or a
 * temporary folder of this checkout's own.
 */
export function productionWorkDir(root: string): string {
  return (
    process.env.GREENROOM_PRODUCTION_DIR ??
    path.join(
      os.tmpdir(),
      `greenroom-production-${crypto
        .createHash('sha256')
        .update(root)
        .digest('hex')
        .slice(0, 8)}`,
    )
  );
}

/**
 * Makes what the production image's /app holds, the way the Dockerfile makes
 * it: `scripts/build-production.sh` builds the bundle (reusing a build of the
 * same sources), `yarn workspaces focus --all --production` installs the
 * skeleton's production dependencies, and the bundle is copied over them.
 *
 * `dir` is outside the repository: a module missing from the production
 * dependencies must fail here as in the image, not resolve from the
 * repository's node_modules. Returns the folder to start the backend in.
 */
export async function prepareProductionApp(options: {
  root: string;
  dir: string;
  logFile: string;
  log: (line: string) => void;
}): Promise<string> {
  const { root, dir, logFile, log } = options;
  const build = path.join(dir, 'build');
  // A folder of its own, removed whole when the sources change; the
  // production config keeps its data inside it, as in the image's /app.
  const app = path.join(dir, 'image', 'app');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, '');

  log(`building the production bundle (output in ${logFile})`);
  let started = Date.now();
  await run(
    path.join(root, 'scripts', 'build-production.sh'),
    ['--reuse', build],
    { cwd: root, logFile },
  );
  log(`production bundle: ready in ${seconds(started)}`);

  const sources = fs.readFileSync(path.join(build, 'sources.sha256'), 'utf8');
  const installedFrom = path.join(app, '.greenroom-sources.sha256');
  if (fs.existsSync(installedFrom)) {
    if (fs.readFileSync(installedFrom, 'utf8') === sources) {
      log(`production app: reusing ${app}`);
      return app;
    }
  }

  started = Date.now();
  fs.rmSync(path.dirname(app), { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  fs.cpSync(path.join(build, 'skeleton'), app, { recursive: true });
  await run('yarn', ['workspaces', 'focus', '--all', '--production'], {
    cwd: app,
    // As in the image's build: CI's immutable default is not the image's.
    env: { ...process.env, YARN_ENABLE_IMMUTABLE_INSTALLS: 'false' },
    logFile,
  });
  fs.cpSync(path.join(build, 'bundle'), app, { recursive: true });
  fs.writeFileSync(installedFrom, sources);
  log(`production app: installed in ${app} in ${seconds(started)}`);
  return app;
}
