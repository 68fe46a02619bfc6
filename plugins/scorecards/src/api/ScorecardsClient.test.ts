/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { ScorecardsClient } from './ScorecardsClient';

const baseUrl = 'http://localhost:7007/api/scorecards';

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function setup(respond: () => Response = () => jsonResponse({ items: [] })) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => respond());
  const getBaseUrl = jest.fn(async () => baseUrl);
  const client = new ScorecardsClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch, getBaseUrl };
}

describe('ScorecardsClient', () => {
  it('lists scorecards from the scorecards base URL', async () => {
    const body = { items: [{ id: 'production-readiness' }], errors: [] };
    const { client, fetch, getBaseUrl } = setup(() => jsonResponse(body));

    await expect(client.listScorecards()).resolves.toEqual(body);
    expect(getBaseUrl).toHaveBeenCalledWith('scorecards');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/scorecards`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('builds entity URLs from string and compound refs', async () => {
    const { client, fetch } = setup();

    await client.getEntityResults('Component:default/payments-service');
    await client.getEntityResults({
      kind: 'API',
      namespace: 'Team A',
      name: 'orders/v1',
    });

    expect(fetch.mock.calls[0][0]).toBe(
      `${baseUrl}/entities/default/component/payments-service`,
    );
    expect(fetch.mock.calls[1][0]).toBe(
      `${baseUrl}/entities/team%20a/api/orders%2Fv1`,
    );
  });

  it('posts to refresh an entity', async () => {
    const { client, fetch } = setup();

    await client.refreshEntity('component:default/payments-service');

    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/entities/default/component/payments-service/refresh`,
      expect.objectContaining({ method: 'POST' }),
    );
  });

  it('passes only the given aggregate filters', async () => {
    const { client, fetch } = setup();

    await client.getAggregates();
    await client.getAggregates({ group: 'group:default/team-payments' });
    await client.getAggregates({
      scorecard: 'production-readiness',
      system: 'system:default/payments',
    });

    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${baseUrl}/aggregates`,
      `${baseUrl}/aggregates?group=group%3Adefault%2Fteam-payments`,
      `${baseUrl}/aggregates?scorecard=production-readiness&system=system%3Adefault%2Fpayments`,
    ]);
  });

  it('builds leaderboard, check drill-down and history URLs', async () => {
    const { client, fetch } = setup();

    await client.getLeaderboard('production-readiness');
    await client.getCheckEntities('production-readiness', 'has-owner');
    await client.getCheckEntities('production-readiness', 'has-docs', 'error');
    await client.getCheckEntities('production-readiness', 'has-docs', 'fail', {
      cursor: 'abc',
      limit: 50,
    });
    await client.getHistory('production-readiness', {
      group: 'group:default/team-payments',
      days: 90,
    });

    expect(fetch.mock.calls.map(call => call[0])).toEqual([
      `${baseUrl}/scorecards/production-readiness/leaderboard`,
      `${baseUrl}/scorecards/production-readiness/checks/has-owner/entities`,
      `${baseUrl}/scorecards/production-readiness/checks/has-docs/entities?status=error`,
      `${baseUrl}/scorecards/production-readiness/checks/has-docs/entities?status=fail&limit=50&cursor=abc`,
      `${baseUrl}/scorecards/production-readiness/history?group=group%3Adefault%2Fteam-payments&days=90`,
    ]);
  });

  it('throws a ResponseError carrying the status and server message', async () => {
    const { client } = setup(() =>
      jsonResponse(
        {
          error: { name: 'NotAllowedError', message: 'Not allowed to refresh' },
          request: { method: 'POST', url: '/refresh' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );

    const error = await client
      .refreshEntity('component:default/payments-service')
      .catch(e => e);

    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
    expect(error.cause.message).toBe('Not allowed to refresh');
  });
});
