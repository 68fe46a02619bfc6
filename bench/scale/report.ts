import { WindowFigures } from './BenchBackend';
import { LoadFigures, SyncOutcome } from './measure';
import { Timed } from './greenroomFigures';

/** The backend sets the bench runs. */
export type BackendSet = 'stock' | 'greenroom';

/** Everything measured on one backend set. */
export interface SetFigures {
  set: BackendSet;
  readyMs: number;
  /** Spawn until every entity is queryable; undefined when it never was. */
  queryableMs?: number;
  /** Entities queryable when ingestion ended (or timed out). */
  queryable: number;
  afterIngestion: WindowFigures;
  log: { totalBytes: number; ingestionBytes: number; perMinuteAfter: number };
  list: LoadFigures;
  facets: LoadFigures;
  healthDuringIngestion: { maxMs: number; p99Ms: number; probes: number };
  badBuilds?: {
    maxMs: number;
    p99Ms: number;
    probes: number;
    outcomes: Record<string, SyncOutcome>;
  };
  fullRun?: Timed & { rssMaxBytes?: number; waitMs?: number };
  editToScore?: Timed & { catalogMs?: number; before?: string };
  search?: Timed;
  mcpScorecards?: {
    p50Ms: number;
    p95Ms: number;
    calls: number;
    errors: string[];
  };
  /** Figures that could not be taken, with why. */
  problems: string[];
}

const MiB = 1024 * 1024;
const KiB = 1024;

type Verdict = { text: string; pass?: boolean };
interface Row {
  figure: string;
  stock?: string;
  greenroom?: string;
  compare?: string;
  verdict?: Verdict;
}

const ms = (v?: number) =>
  v === undefined || Number.isNaN(v) ? '–' : `${Math.round(v)} ms`;
const s = (v?: number) =>
  v === undefined ? '–' : `${(v / 1000).toFixed(1)} s`;
const pct = (v?: number) => (v === undefined ? '–' : `${v.toFixed(1)} %`);
const mib = (v?: number) =>
  v === undefined ? '–' : `${Math.round(v / MiB)} MiB`;
const kib = (v?: number) =>
  v === undefined ? '–' : `${(v / KiB).toFixed(1)} KiB`;
const ratio = (g?: number, st?: number) =>
  g === undefined || st === undefined || !st ? undefined : g / st;
const x = (r?: number) => (r === undefined ? '–' : `${r.toFixed(2)}x`);
function timed(t?: Timed) {
  if (t === undefined) return '–';
  return t.ms === undefined ? 'not measured' : s(t.ms);
}

function passOrFail(v: Verdict) {
  if (v.pass === undefined) return '';
  return v.pass ? '  PASS' : '  FAIL';
}

function atMost(
  value: number | undefined,
  limit: number,
  label: string,
): Verdict {
  if (value === undefined || Number.isNaN(value))
    return { text: `${label}  n/a` };
  return { text: label, pass: value <= limit };
}

/** The comparison table, with the targets and PASS/FAIL. */
export function formatReport(
  figures: Partial<Record<BackendSet, SetFigures>>,
  entities: number,
): string {
  const st = figures.stock;
  const gr = figures.greenroom;
  const rows: Row[] = [];
  const both = (
    figure: string,
    value: (f: SetFigures) => number | undefined,
    format: (v?: number) => string,
    target?: { ratio?: number; plus?: number; label: string },
  ) => {
    const a = st && value(st);
    const b = gr && value(gr);
    const r = ratio(b, a);
    let compare = x(r);
    let verdict: Verdict | undefined;
    if (target?.plus !== undefined) {
      const delta = a !== undefined && b !== undefined ? b - a : undefined;
      compare =
        delta === undefined
          ? '–'
          : `${delta >= 0 ? '+' : ''}${delta.toFixed(1)} pts`;
      verdict = atMost(delta, target.plus, target.label);
    } else if (target?.ratio !== undefined) {
      verdict = atMost(r, target.ratio, target.label);
    }
    rows.push({
      figure,
      stock: st && format(a),
      greenroom: gr && format(b),
      compare,
      verdict,
    });
  };
  const greenroomOnly = (
    figure: string,
    value: string,
    target?: { value?: number; limit: number; label: string },
  ) => {
    rows.push({
      figure,
      greenroom: gr ? value : undefined,
      verdict:
        target && gr
          ? atMost(target.value, target.limit, target.label)
          : undefined,
    });
  };

  both(
    `all ${entities + 2} entities queryable (from spawn)`,
    f => f.queryableMs,
    s,
    {
      ratio: 1.15,
      label: '≤ 1.15x',
    },
  );
  both('  of which start-up until ready', f => f.readyMs, s);
  both(
    '  and from ready until all queryable',
    f => (f.queryableMs === undefined ? undefined : f.queryableMs - f.readyMs),
    s,
  );
  both(
    'backend CPU after ingestion (one core = 100 %)',
    f => f.afterIngestion.cpuPercent,
    pct,
    {
      plus: 5,
      label: '≤ stock + 5 pts',
    },
  );
  both(
    '  busiest 10 s of that window',
    f => f.afterIngestion.cpuPeak10sPercent,
    pct,
  );
  both(
    'backend RSS after ingestion: mean',
    f => f.afterIngestion.rssMeanBytes,
    mib,
  );
  both('  max', f => f.afterIngestion.rssMaxBytes, mib);
  both('log written: total', f => f.log.totalBytes, kib);
  both('  during ingestion', f => f.log.ingestionBytes, kib);
  both('  per minute after ingestion', f => f.log.perMinuteAfter, kib);
  if (gr) {
    rows[rows.length - 1].verdict = atMost(
      gr.log.perMinuteAfter,
      20 * KiB,
      'Greenroom ≤ 20 KiB/min',
    );
  }
  both(
    'catalog list (by-query, limit 20, 10 clients): p50',
    f => f.list.p50Ms,
    ms,
  );
  both('  p99', f => f.list.p99Ms, ms, { ratio: 1.15, label: '≤ 1.15x' });
  both(
    '  requests per second',
    f => f.list.rps,
    v => (v === undefined ? '–' : v.toFixed(0)),
  );
  both('facets on spec.owner (10 clients): p50', f => f.facets.p50Ms, ms, {
    ratio: 1.15,
    label: '≤ 1.15x',
  });
  both(
    '  requests per second',
    f => f.facets.rps,
    v => (v === undefined ? '–' : v.toFixed(0)),
  );
  both(
    'liveness during ingestion (every 1 s): max',
    f => f.healthDuringIngestion.maxMs,
    ms,
  );
  both(
    'liveness while the bad docs build (every 50 ms): max',
    f => f.badBuilds?.maxMs,
    ms,
  );
  if (gr) {
    rows[rows.length - 1].verdict = atMost(
      gr.badBuilds?.maxMs,
      100,
      'Greenroom ≤ 100 ms',
    );
  }
  both('  p99', f => f.badBuilds?.p99Ms, ms);
  greenroomOnly('scorecards: full run', timed(gr?.fullRun), {
    value: gr?.fullRun?.ms,
    limit: 90_000,
    label: '≤ 90 s',
  });
  greenroomOnly(
    '  from POST /refresh until the scheduler started it',
    s(gr?.fullRun?.waitMs),
  );
  greenroomOnly(
    '  backend RSS peak, after ingestion and during the run',
    mib(
      gr &&
        Math.max(gr.afterIngestion.rssMaxBytes, gr.fullRun?.rssMaxBytes ?? 0),
    ),
    {
      value:
        gr &&
        Math.max(gr.afterIngestion.rssMaxBytes, gr.fullRun?.rssMaxBytes ?? 0),
      limit: 1.5 * 1024 * MiB,
      label: '≤ 1.5 GiB',
    },
  );
  greenroomOnly('scorecards: edit to score', timed(gr?.editToScore), {
    value: gr?.editToScore?.ms,
    limit: 10_000,
    label: '≤ 10 s',
  });
  greenroomOnly(
    '  of which until the catalog serves the edit',
    s(gr?.editToScore?.catalogMs),
  );
  greenroomOnly('search: ingested to found', timed(gr?.search), {
    value: gr?.search?.ms,
    limit: 60_000,
    label: '≤ 60 s',
  });
  greenroomOnly(
    "MCP: an entity's scorecards, p95",
    gr?.mcpScorecards ? ms(gr.mcpScorecards.p95Ms) : 'not measured',
    {
      value: gr?.mcpScorecards?.errors.length
        ? undefined
        : gr?.mcpScorecards?.p95Ms,
      limit: 100,
      label: '≤ 100 ms',
    },
  );
  greenroomOnly('  p50', gr?.mcpScorecards ? ms(gr.mcpScorecards.p50Ms) : '');

  const header: Row = {
    figure: 'figure',
    stock: 'stock',
    greenroom: 'Greenroom',
    compare: 'G/stock',
    verdict: { text: 'target' },
  };
  const cells = (r: Row) => [
    r.figure,
    r.stock ?? '',
    r.greenroom ?? '',
    r.compare ?? '',
    r.verdict ? `${r.verdict.text}${passOrFail(r.verdict)}` : '',
  ];
  const table = [header, ...rows].map(cells);
  const widths = table[0].map((_, i) =>
    Math.max(...table.map(r => r[i].length)),
  );
  const lines = table.map(r =>
    r
      .map((c, i) =>
        i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i]),
      )
      .join('  ')
      .trimEnd(),
  );
  lines.splice(1, 0, widths.map(w => '-'.repeat(w)).join('  '));

  const notes: string[] = [];
  for (const f of [st, gr]) {
    if (!f) continue;
    for (const p of f.problems) notes.push(`${f.set}: ${p}`);
    for (const t of [f.fullRun, f.editToScore, f.search]) {
      if (t && t.ms === undefined) notes.push(`${f.set}: ${t.note}`);
    }
    if (f.badBuilds) {
      for (const [site, o] of Object.entries(f.badBuilds.outcomes)) {
        notes.push(
          `${f.set}: ${site} sync: ${o.result} after ${Math.round(o.ms)} ms (${
            o.detail
          }; ${o.logLines} log lines)`,
        );
      }
    }
    if (f.list.errors || f.facets.errors) {
      notes.push(
        `${f.set}: failed requests: list ${f.list.errors}, facets ${f.facets.errors}`,
      );
    }
  }
  return [...lines, '', ...notes].join('\n');
}
