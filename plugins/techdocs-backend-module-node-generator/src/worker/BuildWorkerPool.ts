import { ChildProcess, spawn } from 'node:child_process';
import type { BuildRequest } from './buildSite';
import { BuildLimits, limitExceeded } from './limits';
import {
  FromWorker,
  fromWorkerError,
  ToWorker,
  WORKER_ENV,
  WORKER_MAIN_FILE,
} from './workerMain';

/** An idle worker is stopped after this long; a busy pass keeps it warm. */
const IDLE_MS = 30_000;
/** How much of a worker's stderr is kept, to tell why it died. */
const STDERR_TAIL = 4096;

/**
 * Loads the worker's code, which starts itself (workerMain.ts). From
 * TypeScript sources (development and tests) it needs the Backstage CLI's
 * transform: `backstage-cli package start` preloads it with `--require`,
 * which the worker inherits; a test runner does not, so the worker registers
 * it itself. Built code (`dist/`) needs nothing.
 */
const BOOTSTRAP = `
const [main, transform] = process.argv.slice(1);
if (transform && !require.extensions['.ts']) require(transform);
require(main);
`;

type PoolOptions = Pick<
  BuildLimits,
  'maxHeapMegabytes' | 'timeoutMs' | 'concurrency'
>;

type IdleWorker = { child: ChildProcess; timer: NodeJS.Timeout };

/** The end of each worker's stderr, which tells why it died. */
const stderrTails = new WeakMap<ChildProcess, { text: string }>();

/**
 * Runs builds in worker processes, off the backend's event loop: at most
 * `concurrency` at once, each in a process whose heap is capped at
 * `maxHeapMegabytes` and which is killed after `timeoutMs`.
 *
 * Processes rather than worker threads: a thread over its heap limit by one
 * large allocation (a page joined into one string) aborts the whole backend,
 * where a process only ends itself. Starting one costs a few hundred
 * milliseconds of CPU, so a worker that finished a build takes the next one,
 * and is stopped once idle for 30 s.
 */
export class BuildWorkerPool {
  private readonly idle: IdleWorker[] = [];
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  private constructor(private readonly options: PoolOptions) {}

  /** A pool with no worker started yet. */
  static create(options: PoolOptions): BuildWorkerPool {
    return new BuildWorkerPool(options);
  }

  /**
   * Builds one site in a worker once one is free. `log` receives the build's
   * log lines as they come. A build over its time or memory fails with the
   * {@link DocsBuildError} naming the limit, and its worker is killed.
   */
  async build(
    request: BuildRequest,
    log: (line: string) => void,
  ): Promise<{ pages: number }> {
    await this.turn();
    try {
      return await this.runOn(this.takeIdle() ?? this.spawn(), request, log);
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }

  /** Stops the idle workers; a build still running finishes first. */
  async close(): Promise<void> {
    const idle = this.idle.splice(0);
    await Promise.all(
      idle.map(({ child, timer }) => {
        clearTimeout(timer);
        return stop(child);
      }),
    );
  }

  private async turn() {
    if (this.running < this.options.concurrency) {
      this.running++;
      return;
    }
    // The build that finishes hands its turn over without giving it up.
    await new Promise<void>(resolve => this.waiting.push(resolve));
  }

  private runOn(
    child: ChildProcess,
    request: BuildRequest,
    log: (line: string) => void,
  ): Promise<{ pages: number }> {
    const { timeoutMs, maxHeapMegabytes } = this.options;
    setRef(child, true);
    return new Promise((resolve, reject) => {
      /** The page being built, which a stopped build names. */
      let page: string | undefined;
      const stopAtLimit = () => {
        settle();
        void stop(child);
        reject(limitExceeded('timeout', timeoutMs, { at: page }));
      };
      // A new worker takes a moment to load: the build's time starts when
      // the worker starts building (and a worker stuck loading is stopped).
      let timer = setTimeout(stopAtLimit, timeoutMs);

      function settle() {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('close', onClose);
      }
      const keepIdle = () => this.keepIdle(child);
      function onMessage(message: FromWorker) {
        if (message?.type === 'started') {
          clearTimeout(timer);
          timer = setTimeout(stopAtLimit, timeoutMs);
        } else if (message?.type === 'log') {
          log(message.line);
        } else if (message?.type === 'page') {
          page = message.file;
        } else if (message?.type === 'done' || message?.type === 'failed') {
          settle();
          keepIdle();
          if (message.type === 'done') resolve({ pages: message.pages });
          else reject(fromWorkerError(message.error));
        }
        // Anything else is not ours: in development the CLI's transform
        // reports each file it compiles ({ type: 'watch' }).
      }
      function onClose(code: number | null, signal: NodeJS.Signals | null) {
        settle();
        const stderr = stderrOf(child);
        if (/heap out of memory|Reached heap limit/i.test(stderr)) {
          reject(
            limitExceeded('maxHeapMegabytes', maxHeapMegabytes, { at: page }),
          );
        } else {
          reject(
            new Error(
              `The TechDocs build worker ended (${
                signal ?? `exit code ${code}`
              })${page ? ` while building ${page}` : ''}: ${
                lastLines(stderr) || 'no output'
              }`,
            ),
          );
        }
      }

      child.on('message', onMessage);
      // 'close' comes after the last of stderr, which tells why it ended.
      child.on('close', onClose);
      child.send({ type: 'build', request } satisfies ToWorker);
    });
  }

  private spawn(): ChildProcess {
    if (process.env[WORKER_ENV]) {
      // This file was bundled into one with the code that calls it, which
      // the worker would run again, and start a worker in turn.
      throw new Error(
        `A TechDocs build worker cannot start build workers: ${WORKER_MAIN_FILE} must be the package's own file, not a bundle`,
      );
    }
    const transform = WORKER_MAIN_FILE.endsWith('.ts')
      ? require.resolve('@backstage/cli/config/nodeTransform.cjs')
      : undefined;
    const execArgv = process.execArgv.filter(
      arg => !/^--(inspect|debug|max-old-space-size)/.test(arg),
    );
    const child = spawn(
      process.execPath,
      [
        ...execArgv,
        `--max-old-space-size=${this.options.maxHeapMegabytes}`,
        '-e',
        BOOTSTRAP,
        '--',
        WORKER_MAIN_FILE,
        ...(transform ? [transform] : []),
      ],
      {
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
        serialization: 'advanced',
        env: { ...process.env, [WORKER_ENV]: '1' },
      },
    );
    const tail = { text: '' };
    stderrTails.set(child, tail);
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      tail.text = (tail.text + chunk).slice(-STDERR_TAIL);
    });
    // A worker that dies while idle leaves the pool; while building, the
    // build's own listener reports it. Without an error listener, a failed
    // spawn would be thrown in the backend.
    child.on('error', () => {});
    child.on('exit', () => {
      const i = this.idle.findIndex(w => w.child === child);
      if (i >= 0) clearTimeout(this.idle.splice(i, 1)[0].timer);
    });
    return child;
  }

  private takeIdle(): ChildProcess | undefined {
    const idle = this.idle.pop();
    if (!idle) return undefined;
    clearTimeout(idle.timer);
    return idle.child;
  }

  private keepIdle(child: ChildProcess) {
    setRef(child, false);
    const timer = setTimeout(() => {
      const i = this.idle.findIndex(w => w.child === child);
      if (i >= 0) this.idle.splice(i, 1);
      void stop(child);
    }, IDLE_MS);
    timer.unref();
    this.idle.push({ child, timer });
  }
}

function stderrOf(child: ChildProcess): string {
  return stderrTails.get(child)?.text ?? '';
}

/** The last lines of a worker's stderr that are not a stack trace. */
function lastLines(stderr: string): string {
  return stderr
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('at '))
    .slice(-3)
    .join(' ');
}

/** A busy worker keeps the backend running; an idle one does not. */
function setRef(child: ChildProcess, ref: boolean) {
  const handles = [child, child.channel, child.stderr] as Array<
    { ref?(): void; unref?(): void } | null | undefined
  >;
  for (const handle of handles) {
    if (ref) handle?.ref?.();
    else handle?.unref?.();
  }
}

/** Kills a worker and waits until it is gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise(resolve => {
    // An idle worker is unref'd; its exit must still be waited for.
    setRef(child, true);
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
