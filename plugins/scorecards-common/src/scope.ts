import { GetAggregates } from './schema/openapi';

/**
 * Narrows aggregates and history to a group (with its child groups) or a
 * system: the query parameters that getAggregates and getHistory share, as
 * the OpenAPI spec states them.
 *
 * @public
 */
export type ScorecardScope = Pick<GetAggregates['query'], 'group' | 'system'>;
