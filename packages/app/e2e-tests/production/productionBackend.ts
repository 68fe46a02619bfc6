import fs from 'node:fs';
import { spawnLogged } from '@internal/launcher';
import { waitUntil } from '@internal/test-utils';

/** A kernel figure of /proc/<pid>/status, in MiB. */
function memoryMiB(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kiB = Number(
    new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1],
  );
  return Math.round(kiB / 1024);
}

async function answersReady(baseUrl: string): Promise<boolean> {
  try {
    const res = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false; // not listening yet
  }
}

/**
 * Starts the production backend as the image's CMD does, in `appDir` with
 * exactly `env` (nothing of this process's environment leaks in), and
 * resolves once it reports ready, with how long that took and its memory then.
 */
export async function startProductionBackend(options: {
  appDir: string;
  baseUrl: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
}) {
  const { appDir, baseUrl, env, logFile } = options;
  const started = Date.now();
  const backend = spawnLogged(
    process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
    ],
    { cwd: appDir, env, logFile },
  );
  const { child } = backend;
  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new Error(
            `The production backend exited (${
              child.exitCode ?? child.signalCode
            }) before it was ready; see ${logFile}`,
          );
        }
        return answersReady(baseUrl);
      },
      {
        timeoutMs: 120_000,
        intervalMs: 100,
        what: `the production backend to be ready at ${baseUrl} (log: ${logFile})`,
      },
    );
  } catch (error) {
    await backend.stop();
    throw error;
  }
  return {
    pid: child.pid!,
    readyMs: Date.now() - started,
    /** Resident memory right after it became ready */
    rssMiB: memoryMiB(child.pid!, 'VmRSS'),
    /** Its memory now: resident and the peak so far */
    memory: () => ({
      rssMiB: memoryMiB(child.pid!, 'VmRSS'),
      peakMiB: memoryMiB(child.pid!, 'VmHWM'),
    }),
    /** SIGKILL, as a crash would: no shutdown hooks run. */
    kill: () => backend.kill(),
    /**
     * Stops it as `docker stop` does: SIGTERM, then SIGKILL after 10 s (or
     * `graceMs`). Resolves whether it had to be killed.
     */
    async stop(stopOptions?: {
      graceMs?: number;
    }): Promise<{ killed: boolean }> {
      let timer: NodeJS.Timeout | undefined;
      const exited = await Promise.race([
        backend.stop().then(() => true),
        new Promise<false>(resolve => {
          timer = setTimeout(
            () => resolve(false),
            stopOptions?.graceMs ?? 10_000,
          );
        }),
      ]);
      clearTimeout(timer);
      if (!exited) {
        await backend.kill();
      }
      return { killed: !exited };
    },
  };
}
