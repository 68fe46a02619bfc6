import path from 'node:path';
import { expect, test } from '@playwright/test';
import { getJson, guestToken } from './api';

const root = path.resolve(__dirname, '../../..');

/**
 * What each catalog file that app-config.e2e.yaml registers holds, by kind,
 * counted from the files. Locations are left out: the catalog adds one of its
 * own for every file a Location names.
 */
const expectedBySource: Record<string, Record<string, number>> = {
  'demo/catalog.yaml': {
    Domain: 2,
    System: 5,
    Component: 15,
    API: 7,
    Resource: 10,
    Group: 8,
    User: 16,
    Template: 1,
  },
  'templates/catalog-info.yaml': { Template: 4 },
  // only its valid file survives: the other three are malformed on purpose
  'packages/backend/e2e-tests/fixtures/malformed/catalog.yaml': {
    Component: 1,
  },
  'packages/backend/e2e-tests/fixtures/broken-docs/catalog-info.yaml': {
    Component: 1,
  },
  '.data/e2e-scorecards/catalog-info.yaml': { Component: 1 },
};

let token: string;

test.beforeAll(async ({ request }) => {
  token = await guestToken(request);
});

/** The catalog's entities that came from one registered file, counted by kind, but Locations. */
async function kindsFrom(
  request: Parameters<typeof getJson>[0],
  source: string,
): Promise<Record<string, number>> {
  const origin = `metadata.annotations.backstage.io/managed-by-origin-location=file:${path.join(
    root,
    source,
  )}`;
  const { facets } = await getJson(
    request,
    token,
    `/api/catalog/entity-facets?facet=kind&filter=${encodeURIComponent(
      origin,
    )}`,
  );
  return Object.fromEntries(
    facets.kind
      .filter((f: { value: string }) => f.value !== 'Location')
      .map((f: { value: string; count: number }) => [f.value, f.count]),
  );
}

test('the catalog serves the whole demo company, the templates and the fixtures', async ({
  request,
}) => {
  await expect
    .poll(
      async () =>
        Object.fromEntries(
          await Promise.all(
            Object.keys(expectedBySource).map(
              async source =>
                [source, await kindsFrom(request, source)] as const,
            ),
          ),
        ),
      {
        message: 'entities by kind, per registered catalog file',
        timeout: 60_000,
      },
    )
    .toEqual(expectedBySource);
});

test('a demo component carries its relations', async ({ request }) => {
  // Relations in both directions are stitched once both ends are processed.
  await expect(async () => {
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
        {
          type: 'apiProvidedBy',
          targetRef: 'component:default/orders-service',
        },
      ]),
    );
    expect(api.spec.definition).toContain('openapi: 3.0');
  }).toPass({ timeout: 60_000, intervals: [1_000] });
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
