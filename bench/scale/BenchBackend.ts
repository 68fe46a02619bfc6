import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { spawnLogged } from '@internal/launcher';

const CLOCK_TICKS = Number(execFileSync('getconf', ['CLK_TCK']).toString());
const PAGE_BYTES = Number(execFileSync('getconf', ['PAGESIZE']).toString());
const SAMPLE_EVERY_MS = 1000;

/**
 * The User-Agent of every request the bench sends: a browser's, so both sets
 * compress their answers as they do for people (Greenroom's backend answers
 * other, local clients uncompressed).
 */
export const BENCH_USER_AGENT = 'Mozilla/5.0 (greenroom-bench-scale)';
/** Log lines caused by the bench: its requests, and the permission checks of its signed-in requests (no one else signs in). */
const BENCH_LINE =
  /Mozilla\/5\.0 \(greenroom-bench-scale\)|\/api\/permission\/authorize/;

/** One reading of the backend's process tree and its log. */
export interface Sample {
  /** Milliseconds since the backend was spawned. */
  at: number;
  /** CPU seconds used so far by the backend and any process it started. */
  cpuSeconds: number;
  /** Resident memory of the backend and any process it started, in bytes. */
  rssBytes: number;
  /** Bytes the backend has written to its log (stdout and stderr), not counting lines about the bench's requests. */
  logBytes: number;
}

/** CPU, memory and log figures over a window of samples. */
export interface WindowFigures {
  /** Mean CPU over the window, in percent of one core. */
  cpuPercent: number;
  /** The busiest 10 s of the window, in percent of one core. */
  cpuPeak10sPercent: number;
  rssMeanBytes: number;
  rssMaxBytes: number;
  logBytes: number;
  seconds: number;
}

/**
 * The backend under measurement: a Node process started on one entry point
 * (the real backend's `src/index.ts`, or the stock set's), with its output in
 * a log file, sampled from `/proc` every second until it stops.
 */
export class BenchBackend {
  readonly samples: Sample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly logRead = {
    offset: 0,
    ownBytes: 0,
    partial: Buffer.alloc(0),
  };

  private constructor(
    readonly baseUrl: string,
    readonly logFile: string,
    private readonly process: ReturnType<typeof spawnLogged>,
    readonly spawnedAt: number,
  ) {
    this.timer = setInterval(() => this.sample(), SAMPLE_EVERY_MS);
    this.sample();
  }

  /**
   * Spawns `node` on `entry` (TypeScript, transpiled on load as
   * `backstage-cli package start` does, without its file watcher) in
   * `packages/backend`, with the given config files, and returns at once.
   */
  static start(options: {
    root: string;
    entry: string;
    configs: string[];
    env: NodeJS.ProcessEnv;
    logFile: string;
    baseUrl: string;
    /** Options for node itself, before the entry (`--cpu-prof`). */
    nodeArgs?: string[];
  }): BenchBackend {
    const args = [
      ...(options.nodeArgs ?? []),
      '--enable-source-maps',
      '--require',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      options.entry,
    ];
    for (const config of options.configs) args.push('--config', config);
    const spawnedAt = performance.now();
    const child = spawnLogged(process.execPath, args, {
      cwd: path.join(options.root, 'packages/backend'),
      env: {
        ...options.env,
        NODE_ENV: 'development',
        ESBK_TSCONFIG_PATH: path.join(options.root, 'tsconfig.json'),
      },
      logFile: options.logFile,
    });
    return new BenchBackend(options.baseUrl, options.logFile, child, spawnedAt);
  }

  /** Milliseconds since the backend was spawned. */
  now(): number {
    return performance.now() - this.spawnedAt;
  }

  /** Whether the process has exited (crashed, or stopped). */
  get exited(): boolean {
    const { child } = this.process;
    return child.exitCode !== null || child.signalCode !== null;
  }

  /** Throws, naming the log, when the backend process is gone. */
  assertRunning() {
    if (this.exited) {
      throw new Error(
        `The backend exited (code ${this.process.child.exitCode}, signal ${this.process.child.signalCode}); see ${this.logFile}`,
      );
    }
  }

  /** Waits for the readiness endpoint to answer 200; returns ms since spawn. */
  async waitUntilReady(timeoutMs: number): Promise<number> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      this.assertRunning();
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/readiness`,
        );
        if (res.ok) return this.now();
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(
      `The backend was not ready within ${timeoutMs / 1000} s; see ${
        this.logFile
      }`,
    );
  }

  /**
   * The bytes the backend has logged of its own accord so far: the lines about
   * the bench's requests (its user agent, and the permission checks its
   * signed-in requests make) are left out.
   */
  logBytes(): number {
    let chunk: Buffer;
    try {
      const fd = fs.openSync(this.logFile, 'r');
      try {
        const size = fs.fstatSync(fd).size;
        chunk = Buffer.alloc(size - this.logRead.offset);
        fs.readSync(fd, chunk, 0, chunk.length, this.logRead.offset);
        this.logRead.offset = size;
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return this.logRead.ownBytes;
    }
    let text = Buffer.concat([this.logRead.partial, chunk]);
    for (let end = text.indexOf(10); end >= 0; end = text.indexOf(10)) {
      const line = text.subarray(0, end + 1);
      if (!BENCH_LINE.test(line.toString('utf8'))) {
        this.logRead.ownBytes += line.length;
      }
      text = text.subarray(end + 1);
    }
    this.logRead.partial = Buffer.from(text);
    return this.logRead.ownBytes;
  }

  /** CPU, memory and log figures between two times (ms since spawn). */
  window(from: number, to: number): WindowFigures {
    const inside = this.samples.filter(s => s.at >= from && s.at <= to);
    if (inside.length < 2) {
      throw new Error(`fewer than two samples between ${from} and ${to} ms`);
    }
    const first = inside[0];
    const last = inside[inside.length - 1];
    const seconds = (last.at - first.at) / 1000;
    let peak = 0;
    for (const s of inside) {
      const later = inside.find(l => l.at >= s.at + 10_000);
      if (!later) break;
      peak = Math.max(
        peak,
        (later.cpuSeconds - s.cpuSeconds) / ((later.at - s.at) / 1000),
      );
    }
    return {
      cpuPercent: ((last.cpuSeconds - first.cpuSeconds) / seconds) * 100,
      cpuPeak10sPercent: peak * 100,
      rssMeanBytes:
        inside.reduce((sum, s) => sum + s.rssBytes, 0) / inside.length,
      rssMaxBytes: Math.max(...inside.map(s => s.rssBytes)),
      logBytes: last.logBytes - first.logBytes,
      seconds,
    };
  }

  /** Stops the backend (SIGTERM, then SIGKILL after 30 s) and the sampling. */
  async stop() {
    clearInterval(this.timer);
    const killer = setTimeout(() => this.process.kill(), 30_000);
    await this.process.stop();
    clearTimeout(killer);
  }

  private sample() {
    const pid = this.process.child.pid;
    if (!pid || this.exited) return;
    let cpuTicks = 0;
    let rssPages = 0;
    for (const p of processTree(pid)) {
      try {
        const stat = fs.readFileSync(`/proc/${p}/stat`, 'utf8');
        // fields after the command, which may hold spaces, in parentheses
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        cpuTicks += Number(fields[11]) + Number(fields[12]); // utime, stime
        rssPages += Number(
          fs.readFileSync(`/proc/${p}/statm`, 'utf8').split(' ')[1],
        );
      } catch {
        // it exited between the listing and the read
      }
    }
    this.samples.push({
      at: this.now(),
      cpuSeconds: cpuTicks / CLOCK_TICKS,
      rssBytes: rssPages * PAGE_BYTES,
      logBytes: this.logBytes(),
    });
  }
}

/** `pid` and every process below it. */
function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid)!.push(Number(name));
    } catch {
      // gone already
    }
  }
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    tree.push(...(children.get(tree[i]) ?? []));
  }
  return tree;
}

/** Resolves after `ms`. */
export function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
