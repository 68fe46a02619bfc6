import { BENCH_USER_AGENT, sleep } from './BenchBackend';

/**
 * Calls the backend's API as a signed-in guest (development sign-in), with a
 * token fetched again every 30 minutes.
 */
export class BenchClient {
  private token?: { value: string; until: number };

  constructor(readonly baseUrl: string) {}

  /** A fetch of `path` with the guest's token; throws on a network error. */
  async fetch(path: string, init?: RequestInit): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: {
        ...init?.headers,
        Authorization: `Bearer ${await this.getToken()}`,
        'User-Agent': BENCH_USER_AGENT,
        'Content-Type': 'application/json',
      },
    });
  }

  /** The JSON answer (undefined when empty), throwing with the status and body when the call fails. */
  async json<T = any>(path: string, init?: RequestInit): Promise<T> {
    const res = await this.fetch(path, init);
    if (!res.ok) {
      throw new Error(
        `${init?.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`,
      );
    }
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The Authorization header the client sends (the guest's token). */
  async authorization(): Promise<string> {
    return `Bearer ${await this.getToken()}`;
  }

  private async getToken(): Promise<string> {
    if (!this.token || Date.now() > this.token.until) {
      const res = await fetch(
        `${this.baseUrl}/api/auth/guest/refresh?env=development`,
        {
          headers: {
            'X-Requested-With': 'XMLHttpRequest',
            'User-Agent': BENCH_USER_AGENT,
          },
        },
      );
      if (!res.ok) {
        throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
      }
      const body = (await res.json()) as any;
      this.token = {
        value: body.backstageIdentity.token,
        until: Date.now() + 30 * 60_000,
      };
    }
    return this.token.value;
  }
}

/** The `q` quantile (0..1) of `values`, by nearest rank. */
export function quantile(values: number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Latencies and throughput of one endpoint under concurrent clients. */
export interface LoadFigures {
  p50Ms: number;
  p99Ms: number;
  rps: number;
  requests: number;
  errors: number;
}

/**
 * `clients` clients each sending `path` one request after the other for
 * `warmupMs` (not counted) and then `durationMs`.
 */
export async function runLoad(
  client: BenchClient,
  path: string,
  options: { clients: number; durationMs: number; warmupMs: number },
): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  await Promise.all(
    Array.from({ length: options.clients }, async () => {
      while (performance.now() < end) {
        const sent = performance.now();
        let ok = false;
        try {
          const res = await client.fetch(path);
          await res.arrayBuffer();
          ok = res.ok;
        } catch {
          ok = false;
        }
        const done = performance.now();
        if (sent >= measureFrom && done <= end) {
          if (ok) latencies.push(done - sent);
          else errors++;
        }
      }
    }),
  );
  return {
    p50Ms: quantile(latencies, 0.5),
    p99Ms: quantile(latencies, 0.99),
    rps: latencies.length / (options.durationMs / 1000),
    requests: latencies.length,
    errors,
  };
}

/**
 * Calls the liveness endpoint one request after the other, `intervalMs`
 * apart, until stopped; each latency is kept with when it was sent.
 */
export class HealthProbe {
  readonly latencies: { at: number; ms: number }[] = [];
  private stopped = false;
  private readonly done: Promise<void>;

  constructor(
    private readonly baseUrl: string,
    private readonly intervalMs: number,
    private readonly clock: () => number,
  ) {
    this.done = this.loop();
  }

  /** Latency max and p99 of the probes sent between `from` and `to`. */
  figures(from = 0, to = Infinity) {
    const ms = this.latencies
      .filter(l => l.at >= from && l.at <= to)
      .map(l => l.ms);
    return {
      maxMs: ms.length ? Math.max(...ms) : NaN,
      p99Ms: quantile(ms, 0.99),
      probes: ms.length,
    };
  }

  async stop() {
    this.stopped = true;
    await this.done;
  }

  private async loop() {
    while (!this.stopped) {
      const at = this.clock();
      const sent = performance.now();
      try {
        const res = await fetch(
          `${this.baseUrl}/.backstage/health/v1/liveness`,
          {
            headers: { 'User-Agent': BENCH_USER_AGENT },
            signal: AbortSignal.timeout(300_000),
          },
        );
        await res.arrayBuffer();
        this.latencies.push({ at, ms: performance.now() - sent });
      } catch {
        // not listening (yet, or any more): no latency to record
      }
      await sleep(this.intervalMs);
    }
  }
}

/** How a TechDocs sync ended, from its event stream. */
export interface SyncOutcome {
  /** `finish` (built or up to date), `error`, or `timeout`. */
  result: 'finish' | 'error' | 'timeout';
  /** The finish event's `updated`, or the error's message. */
  detail: string;
  /** Build log lines the stream carried. */
  logLines: number;
  ms: number;
}

/**
 * Asks TechDocs to build an entity's site (`GET /api/techdocs/sync/...`,
 * the reader's own call) and reads its event stream to the end.
 */
export async function syncDocs(
  client: BenchClient,
  entityRef: { kind: string; namespace: string; name: string },
  timeoutMs: number,
): Promise<SyncOutcome> {
  const started = performance.now();
  const { kind, namespace, name } = entityRef;
  let text: string;
  try {
    const res = await client.fetch(
      `/api/techdocs/sync/${namespace}/${kind}/${name}`,
      {
        headers: { Accept: 'text/event-stream' },
        signal: AbortSignal.timeout(timeoutMs),
      },
    );
    text = await res.text();
    if (!res.ok) {
      return {
        result: 'error',
        detail: `${res.status} ${text.slice(0, 200)}`,
        logLines: 0,
        ms: performance.now() - started,
      };
    }
  } catch (e) {
    return {
      result: 'timeout',
      detail: String(e),
      logLines: 0,
      ms: performance.now() - started,
    };
  }
  const events = text
    .split('\n\n')
    .map(block => ({
      event: /^event: (.*)$/m.exec(block)?.[1],
      data: /^data: (.*)$/m.exec(block)?.[1] ?? '',
    }))
    .filter(e => e.event);
  const end = events.find(e => e.event === 'finish' || e.event === 'error');
  return {
    result: end?.event === 'finish' ? 'finish' : 'error',
    detail: describeEnd(end),
    logLines: events.filter(e => e.event === 'log').length,
    ms: performance.now() - started,
  };
}

/** What a sync's last event says. */
function describeEnd(end?: { event?: string; data: string }): string {
  if (!end) return 'the stream ended without a finish or error event';
  if (end.event === 'finish') return `updated: ${JSON.parse(end.data).updated}`;
  return String(JSON.parse(end.data)).slice(0, 300);
}

/**
 * Calls `check` every `intervalMs` until it returns a value other than
 * undefined, and returns it; undefined after `timeoutMs`. A failed check is
 * tried again; `alive` (called before each) throws to give up.
 */
export async function poll<T>(
  check: () => Promise<T | undefined>,
  options: { intervalMs: number; timeoutMs: number; alive: () => void },
): Promise<T | undefined> {
  const deadline = performance.now() + options.timeoutMs;
  while (performance.now() < deadline) {
    options.alive();
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // a failed request is tried again, as an absent answer
    }
    await sleep(options.intervalMs);
  }
  return undefined;
}
