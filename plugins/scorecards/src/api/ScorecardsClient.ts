import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ScorecardsApi } from './ScorecardsApi';
import {
  AggregatesQuery,
  CheckEntity,
  CheckStatus,
  EntityResults,
  HistoryPoint,
  HistoryQuery,
  ItemsResponse,
  LeaderboardEntry,
  ScorecardAggregate,
  ScorecardList,
} from './types';

type QueryValues = Record<string, string | number | undefined>;

const enc = encodeURIComponent;

/** `/entities/{namespace}/{kind}/{name}` for an entity ref. */
function entityPath(entityRef: string | CompoundEntityRef): string {
  const { kind, namespace, name } =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return `/entities/${enc(namespace.toLocaleLowerCase('en-US'))}/${enc(
    kind.toLocaleLowerCase('en-US'),
  )}/${enc(name)}`;
}

/** `?a=1&b=2` for the defined values, or an empty string. */
function queryString(values: QueryValues): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value !== undefined && value !== '') {
      params.set(key, String(value));
    }
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** Talks to the scorecards backend over HTTP. */
export class ScorecardsClient implements ScorecardsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  listScorecards(): Promise<ScorecardList> {
    return this.request('/scorecards');
  }

  getEntityResults(
    entityRef: string | CompoundEntityRef,
  ): Promise<EntityResults> {
    return this.request(entityPath(entityRef));
  }

  refreshEntity(entityRef: string | CompoundEntityRef): Promise<EntityResults> {
    return this.request(`${entityPath(entityRef)}/refresh`, {
      method: 'POST',
    });
  }

  getAggregates(
    query: AggregatesQuery = {},
  ): Promise<ItemsResponse<ScorecardAggregate>> {
    return this.request(
      `/aggregates${queryString({
        scorecard: query.scorecard,
        group: query.group,
        system: query.system,
      })}`,
    );
  }

  getLeaderboard(
    scorecardId: string,
  ): Promise<ItemsResponse<LeaderboardEntry>> {
    return this.request(`/scorecards/${enc(scorecardId)}/leaderboard`);
  }

  getCheckEntities(
    scorecardId: string,
    checkId: string,
    status?: CheckStatus,
  ): Promise<ItemsResponse<CheckEntity>> {
    return this.request(
      `/scorecards/${enc(scorecardId)}/checks/${enc(
        checkId,
      )}/entities${queryString({ status })}`,
    );
  }

  getHistory(
    scorecardId: string,
    query: HistoryQuery = {},
  ): Promise<ItemsResponse<HistoryPoint>> {
    return this.request(
      `/scorecards/${enc(scorecardId)}/history${queryString({
        entity: query.entity,
        group: query.group,
        system: query.system,
        days: query.days,
      })}`,
    );
  }

  /** Calls the backend and parses its JSON, throwing a ResponseError when not ok. */
  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('scorecards');
    const res = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!res.ok) {
      throw await ResponseError.fromResponse(res);
    }
    return (await res.json()) as T;
  }
}
