import { CheckStatus } from '@internal/plugin-scorecards-common';

/** The query parameters of the Scorecards page. */
export const PAGE_PARAMS = {
  /** The selected scorecard id. */
  scorecard: 'scorecard',
  /** The check whose entities the drill-down lists. */
  check: 'check',
  /** Which entities of the check: fail (default), error or pass. */
  status: 'status',
} as const;

/** The statuses the drill-down can list, in the order it offers them. */
export const DRILL_DOWN_STATUSES: CheckStatus[] = ['fail', 'error', 'pass'];

/** Parses a status query parameter, defaulting to fail. */
export function parseStatus(value: string | null): CheckStatus {
  return DRILL_DOWN_STATUSES.find(s => s === value) ?? 'fail';
}

/**
 * The query string that selects a scorecard and, optionally, opens the
 * drill-down of one of its checks, e.g. `?scorecard=prod&check=has-owner`.
 */
export function pageQuery(options: {
  scorecard: string;
  check?: string;
  status?: CheckStatus;
}): string {
  const params = new URLSearchParams({
    [PAGE_PARAMS.scorecard]: options.scorecard,
  });
  if (options.check) {
    params.set(PAGE_PARAMS.check, options.check);
    if (options.status && options.status !== 'fail') {
      params.set(PAGE_PARAMS.status, options.status);
    }
  }
  return `?${params.toString()}`;
}
