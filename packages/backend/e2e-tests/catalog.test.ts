import { expect, test } from '@playwright/test';
import { getJson, guestToken } from './api';

let token: string;

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
});

test('the catalog serves the whole demo company', async ({ request }) => {
  const expected: Record<string, number> = {
    Domain: 1,
    System: 3,
    Component: 10,
    API: 5,
    Resource: 3,
    Group: 4,
    User: 12,
    Template: 1,
  };
  await expect
    .poll(
      async () => {
        const { facets } = await getJson(
          request,
          token,
          '/api/catalog/entity-facets?facet=kind',
        );
        const counts = Object.fromEntries(
          facets.kind.map((f: { value: string; count: number }) => [
            f.value,
            f.count,
          ]),
        );
        return Object.entries(expected).filter(
          ([kind, min]) => (counts[kind] ?? 0) < min,
        );
      },
      {
        message: 'kinds with fewer entities than the demo has',
        timeout: 60_000,
      },
    )
    .toEqual([]);
});

test('a demo component carries its relations', async ({ request }) => {
  const entity = await getJson(
    request,
    token,
    '/api/catalog/entities/by-name/component/default/orders-service',
  );
  const relations = entity.relations.map(
    (r: { type: string; targetRef: string }) => `${r.type} ${r.targetRef}`,
  );
  expect(relations).toEqual(
    expect.arrayContaining([
      'ownedBy group:default/team-fulfillment',
      'partOf system:default/fulfillment',
      'providesApi api:default/orders-api',
      'providesApi api:default/order-events',
      'consumesApi api:default/payments-api',
      'dependsOn resource:default/orders-db',
    ]),
  );

  const api = await getJson(
    request,
    token,
    '/api/catalog/entities/by-name/api/default/orders-api',
  );
  expect(api.relations).toEqual(
    expect.arrayContaining([
      { type: 'apiProvidedBy', targetRef: 'component:default/orders-service' },
    ]),
  );
  expect(api.spec.definition).toContain('openapi: 3.0');
});

test('search finds a demo component', async ({ request }) => {
  await expect
    .poll(
      async () => {
        const body = await getJson(
          request,
          token,
          '/api/search/query?term=transactional%20outbox&types%5B0%5D=software-catalog',
        );
        return body.results.map((r: any) => r.document.location);
      },
      { timeout: 90_000, intervals: [2_000] },
    )
    .toContain('/catalog/default/component/orders-service');
});
