import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  CheckEntityPage,
  CheckStatus,
  DefaultApiClient,
  EntityResults,
  HistoryPointList,
  LeaderboardEntryList,
  ScorecardAggregateList,
  ScorecardList,
  TypedResponse,
} from '@internal/plugin-scorecards-common';
import {
  AggregatesQuery,
  CheckEntitiesPageQuery,
  HistoryQuery,
  ScorecardsApi,
} from './ScorecardsApi';

/** The path parameters of an entity ref, namespace and kind in lower case. */
function entityPath(entityRef: string | CompoundEntityRef) {
  const { kind, namespace, name } =
    typeof entityRef === 'string' ? parseEntityRef(entityRef) : entityRef;
  return {
    namespace: namespace.toLocaleLowerCase('en-US'),
    kind: kind.toLocaleLowerCase('en-US'),
    name,
  };
}

/** Talks to the scorecards backend through the client generated from its OpenAPI spec. */
export class ScorecardsClient implements ScorecardsApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  listScorecards(): Promise<ScorecardList> {
    return this.body(this.client.listScorecards({}));
  }

  getEntityResults(
    entityRef: string | CompoundEntityRef,
  ): Promise<EntityResults> {
    return this.body(
      this.client.getEntityResults({ path: entityPath(entityRef) }),
    );
  }

  refreshEntity(entityRef: string | CompoundEntityRef): Promise<EntityResults> {
    return this.body(
      this.client.refreshEntity({ path: entityPath(entityRef) }),
    );
  }

  getAggregates(query: AggregatesQuery = {}): Promise<ScorecardAggregateList> {
    const { scorecard, group, system } = query;
    return this.body(
      this.client.getAggregates({ query: { scorecard, group, system } }),
    );
  }

  getLeaderboard(scorecardId: string): Promise<LeaderboardEntryList> {
    return this.body(this.client.getLeaderboard({ path: { scorecardId } }));
  }

  getCheckEntities(
    scorecardId: string,
    checkId: string,
    status?: CheckStatus,
    page: CheckEntitiesPageQuery = {},
  ): Promise<CheckEntityPage> {
    return this.body(
      this.client.getCheckEntities({
        path: { scorecardId, checkId },
        query: { status, limit: page.limit, cursor: page.cursor },
      }),
    );
  }

  getHistory(
    scorecardId: string,
    query: HistoryQuery = {},
  ): Promise<HistoryPointList> {
    const { entity, group, system, days } = query;
    return this.body(
      this.client.getHistory({
        path: { scorecardId },
        query: { entity, group, system, days },
      }),
    );
  }

  /** The response's JSON, or a ResponseError when it is not ok. */
  private async body<T>(response: Promise<TypedResponse<T>>): Promise<T> {
    const res = await response;
    if (!res.ok) {
      throw await ResponseError.fromResponse(res as Response);
    }
    return await res.json();
  }
}
