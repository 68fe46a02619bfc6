import { Config, readDurationFromConfig } from '@backstage/config';
import { durationToMilliseconds } from '@backstage/types';
import { DocsBuildError } from '../DocsBuildError';

/**
 * What one build may use. A build that reaches a limit stops at once and
 * fails with a {@link DocsBuildError} naming the limit and its config key.
 */
export type BuildLimits = {
  /** Largest page: bytes of its Markdown with its snippets included. */
  maxPageBytes: number;
  /** Largest site: bytes of all its pages' Markdown with their snippets included. */
  maxSiteBytes: number;
  /** Most pages in one site. */
  maxPages: number;
  /** Most bytes one build writes: pages, search index and copied files. */
  maxOutputBytes: number;
  /** Longest build in milliseconds; its worker is stopped then. */
  timeoutMs: number;
  /** Largest JavaScript heap of a build's worker, in MB; the worker is stopped beyond it. */
  maxHeapMegabytes: number;
  /** How many builds run at once, each in its own worker; more wait their turn. */
  concurrency: number;
};

/** The limits that are checked inside the build, as the worker receives them. */
export type SiteLimits = Pick<
  BuildLimits,
  'maxPageBytes' | 'maxSiteBytes' | 'maxPages' | 'maxOutputBytes'
>;

const MiB = 1024 * 1024;

/**
 * Room for real sites, which rarely pass a few hundred pages of tens of KB.
 * A site writes its whole nav into every page, as MkDocs does, so its output
 * grows with the square of its pages: measured, 1,000 pages write 110 MB in
 * 2 s and 2,000 pages 420 MB in 12 s; past about 3,000 pages a site is over
 * `maxOutputBytes`.
 */
export const DEFAULT_BUILD_LIMITS: BuildLimits = {
  maxPageBytes: 2 * MiB,
  maxSiteBytes: 200 * MiB,
  maxPages: 5000,
  maxOutputBytes: 1024 * MiB,
  timeoutMs: 120_000,
  maxHeapMegabytes: 512,
  concurrency: 2,
};

/** Where the limits are configured. */
export const LIMITS_CONFIG_KEY = 'techdocs.nodeGenerator.limits';

/** The name of a limit, as its config key under {@link LIMITS_CONFIG_KEY}. */
export type BuildLimitName =
  | 'maxPageBytes'
  | 'maxSiteBytes'
  | 'maxPages'
  | 'maxOutputBytes'
  | 'timeout'
  | 'maxHeapMegabytes';

/** `techdocs.nodeGenerator.limits`, with the defaults for what it leaves out. */
export function readBuildLimits(config: Config | undefined): BuildLimits {
  const positive = (key: string, fallback: number) => {
    const value = config?.getOptionalNumber(key);
    if (value === undefined) return fallback;
    if (!Number.isInteger(value) || value <= 0) {
      throw new Error(
        `${LIMITS_CONFIG_KEY}.${key} must be a positive whole number, got ${value}`,
      );
    }
    return value;
  };
  const timeoutMs = config?.has('timeout')
    ? durationToMilliseconds(readDurationFromConfig(config, { key: 'timeout' }))
    : DEFAULT_BUILD_LIMITS.timeoutMs;
  if (!(timeoutMs > 0)) {
    throw new Error(`${LIMITS_CONFIG_KEY}.timeout must be longer than zero`);
  }
  return {
    maxPageBytes: positive('maxPageBytes', DEFAULT_BUILD_LIMITS.maxPageBytes),
    maxSiteBytes: positive('maxSiteBytes', DEFAULT_BUILD_LIMITS.maxSiteBytes),
    maxPages: positive('maxPages', DEFAULT_BUILD_LIMITS.maxPages),
    maxOutputBytes: positive(
      'maxOutputBytes',
      DEFAULT_BUILD_LIMITS.maxOutputBytes,
    ),
    timeoutMs,
    maxHeapMegabytes: positive(
      'maxHeapMegabytes',
      DEFAULT_BUILD_LIMITS.maxHeapMegabytes,
    ),
    concurrency: positive('concurrency', DEFAULT_BUILD_LIMITS.concurrency),
  };
}

const describe: Record<
  BuildLimitName,
  { exceeded: (value: string, at: string) => string; advice: string }
> = {
  maxPageBytes: {
    exceeded: v =>
      `is over ${v} with its snippets included, the limit for one page`,
    advice: 'split it into several pages or include less',
  },
  maxSiteBytes: {
    exceeded: (v, at) =>
      `the site is over ${v} of Markdown with its snippets included, the limit for one site${
        at && ` (reached at ${at})`
      }`,
    advice: 'split it into several sites or include less',
  },
  maxPages: {
    exceeded: v => `the site has more than ${v} pages, the limit for one site`,
    advice: 'split it into several sites',
  },
  maxOutputBytes: {
    exceeded: v =>
      `the build would write more than ${v}, the limit for one build`,
    advice: 'split the site into several sites',
  },
  timeout: {
    exceeded: (v, at) =>
      `the build took longer than ${v}, the limit for one build, and was stopped${
        at && ` while building ${at}`
      }`,
    advice: 'split the site into several sites',
  },
  maxHeapMegabytes: {
    exceeded: (v, at) =>
      `the build needed more than ${v} of memory, the limit for one build, and was stopped${
        at && ` while building ${at}`
      }`,
    advice: 'split the site into several sites',
  },
};

/**
 * The error of a build that reached `limit`, whose value is `value` (in bytes,
 * pages, milliseconds or MB, as the limit counts). `file` is the page, for a
 * page's limit; `at` the page the build was working on, if known.
 */
export function limitExceeded(
  limit: BuildLimitName,
  value: number,
  where: { file?: string; at?: string } = {},
): DocsBuildError {
  const key = `${LIMITS_CONFIG_KEY}.${limit}`;
  const text = describe[limit];
  let shown: string;
  if (limit === 'timeout') shown = `${value / 1000} s`;
  else if (limit === 'maxHeapMegabytes') shown = `${value} MB`;
  else if (limit === 'maxPages') shown = String(value);
  else shown = formatBytes(value);
  const configured = limit === 'timeout' ? shown : String(value);
  return new DocsBuildError(
    where.file,
    `${text.exceeded(shown, where.at ?? '')}; ${
      text.advice
    }, or raise ${key} (now ${configured})`,
    { limit: key },
  );
}

function formatBytes(bytes: number): string {
  if (bytes >= MiB) return `${+(bytes / MiB).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}
