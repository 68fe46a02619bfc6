/** One request of the load: what it read, when it was sent, how it went. */
export type Sample = {
  what: string;
  /** ms since the load began */
  at: number;
  ms: number;
  /** a 2xx status, read to the end */
  ok: boolean;
  /** the status, or the error when there was no response */
  outcome: string;
};

/**
 * Sends `rps` requests a second for `durationMs`, open loop (a slow answer
 * does not hold back the next request, as people's browsers do not wait for
 * each other), cycling through `requests`, each with `headers`, and reading
 * every body to the end. `at(ms)` callbacks run at those points of the load.
 */
export async function driveLoad(options: {
  baseUrl: string;
  requests: Array<{ what: string; path: string }>;
  headers: Record<string, string>;
  rps: number;
  durationMs: number;
  timeoutMs: number;
  at?: Array<{ ms: number; run: () => Promise<void> }>;
}): Promise<Sample[]> {
  const { baseUrl, requests, headers, rps, durationMs, timeoutMs } = options;
  const samples: Sample[] = [];
  const inFlight: Array<Promise<void>> = [];
  const events = (options.at ?? []).map(e => ({ ...e, started: false }));
  const eventRuns: Array<Promise<void>> = [];
  const begin = performance.now();
  let sent = 0;
  for (;;) {
    const now = performance.now() - begin;
    if (now >= durationMs) break;
    for (const e of events) {
      if (!e.started && now >= e.ms) {
        e.started = true;
        eventRuns.push(e.run());
      }
    }
    const due = Math.floor((now / 1000) * rps);
    for (; sent < due; sent += 1) {
      const request = requests[sent % requests.length];
      const at = performance.now() - begin;
      inFlight.push(
        fetch(`${baseUrl}${request.path}`, {
          headers,
          signal: AbortSignal.timeout(timeoutMs),
        })
          .then(async res => {
            await res.arrayBuffer();
            return { ok: res.ok, outcome: String(res.status) };
          })
          .catch((e: Error) => ({
            ok: false,
            outcome: (e.cause as Error | undefined)?.message ?? e.message,
          }))
          .then(({ ok, outcome }) => {
            samples.push({
              what: request.what,
              at,
              ms: performance.now() - begin - at,
              ok,
              outcome,
            });
          }),
      );
    }
    await new Promise(resolve => setTimeout(resolve, 2));
  }
  await Promise.all(inFlight);
  await Promise.all(eventRuns);
  return samples.sort((a, b) => a.at - b.at);
}
