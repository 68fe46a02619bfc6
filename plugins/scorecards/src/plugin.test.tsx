import { screen } from '@testing-library/react';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  ApiBlueprint,
  coreExtensionData,
} from '@backstage/frontend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { scorecardsApiRef } from './api';
import plugin from './index';
import { rootRouteRef } from './routes';
import { mockScorecardsApi, paymentsService } from './__testUtils__/fixtures';

const entityOfKind = (kind: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name: `a-${kind.toLocaleLowerCase('en-US')}` },
});

const scoredKinds = ['Component', 'API', 'Resource', 'System'];
const unscoredKinds = ['User', 'Group', 'Domain', 'Location', 'Template'];

/** Which of the kinds an extension's entity filter accepts. */
function acceptedKinds(filter: (entity: Entity) => boolean) {
  return [...scoredKinds, ...unscoredKinds].filter(kind =>
    filter(entityOfKind(kind)),
  );
}

describe('scorecards plugin', () => {
  it('is the default export, with id and title', () => {
    expect(plugin.pluginId).toBe('scorecards');
    expect(plugin.title).toBe('Scorecards');
  });

  it('serves the Scorecards page at /scorecards, on the root route', async () => {
    const page = createExtensionTester(plugin.getExtension('page:scorecards'));
    expect(page.get(coreExtensionData.routePath)).toBe('/scorecards');
    expect(page.get(coreExtensionData.routeRef)).toBe(rootRouteRef);

    const api = mockScorecardsApi();
    renderTestApp({
      features: [plugin],
      apis: [[scorecardsApiRef, api]],
      initialRouteEntries: ['/scorecards'],
    });

    expect(
      await screen.findByRole('tab', { name: 'Production readiness' }),
    ).toBeInTheDocument();
    expect(api.listScorecards).toHaveBeenCalled();
  });

  it('provides the scorecards API as a client of the scorecards backend', async () => {
    const factory = createExtensionTester(
      plugin.getExtension('api:scorecards'),
    ).get(ApiBlueprint.dataRefs.factory);
    expect(factory.api).toBe(scorecardsApiRef);

    const getBaseUrl = jest.fn(async () => 'http://backend/api/scorecards');
    const fetch = jest.fn(
      async () =>
        new Response(JSON.stringify({ items: [], errors: [] }), {
          headers: { 'Content-Type': 'application/json' },
        }),
    );
    const client = factory.factory({
      discoveryApi: { getBaseUrl },
      fetchApi: { fetch },
    }) as typeof scorecardsApiRef.T;

    await expect(client.listScorecards()).resolves.toEqual({
      items: [],
      errors: [],
    });
    expect(getBaseUrl).toHaveBeenCalledWith('scorecards');
    expect(String((fetch.mock.calls[0] as unknown[])[0])).toBe(
      'http://backend/api/scorecards/scorecards',
    );
  });

  it("adds a Scorecards tab to the pages of scored kinds, showing the entity's checks", async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-content:scorecards/scorecards'),
    );
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'Scorecards',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/scorecards');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter && acceptedKinds(filter)).toEqual(scoredKinds);

    await renderInTestApp(
      <EntityProvider entity={paymentsService}>
        {tester.reactElement()}
      </EntityProvider>,
      { apis: [[scorecardsApiRef, mockScorecardsApi()]] },
    );
    expect(
      await screen.findByText('Next level: Silver (1 to fix)'),
    ).toBeInTheDocument();
  });

  it('adds an info card with the levels to the overview of scored kinds', async () => {
    const tester = createExtensionTester(
      plugin.getExtension('entity-card:scorecards/scorecards'),
    );
    expect(tester.get(EntityCardBlueprint.dataRefs.type)).toBe('info');
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter && acceptedKinds(filter)).toEqual(scoredKinds);

    await renderInTestApp(
      <EntityProvider entity={paymentsService}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        apis: [[scorecardsApiRef, mockScorecardsApi()]],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: 'Production readiness' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-service/scorecards',
    );
  });

  it("adds the home page widget My team's scorecards", async () => {
    const widget = createExtensionTester(
      plugin.getExtension('home-page-widget:scorecards/my-team-scorecards'),
    ).get(HomePageWidgetBlueprint.dataRefs.widget);
    expect(widget.name).toBe('MyTeamScorecards');
    expect(widget.title).toBe("My team's scorecards");

    await renderInTestApp(widget.component, {
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/loner' }),
        [catalogApiRef, catalogApiMock({ entities: [] })],
        [scorecardsApiRef, mockScorecardsApi()],
      ],
      mountedRoutes: { '/scorecards': rootRouteRef },
    });
    expect(
      await screen.findByText(
        'You are not a member of any team in the catalog yet.',
      ),
    ).toBeInTheDocument();
  });
});
