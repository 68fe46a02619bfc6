import { screen, within } from '@testing-library/react';
import { Entity } from '@backstage/catalog-model';
import {
  createExtensionTester,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  catalogApiRef,
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { SUPPORT_CHANNEL_ANNOTATION } from './annotation';
import { SupportChannelCard } from './components/SupportChannelCard';
import { supportEntityCard } from './extensions';
import plugin from './index';

const group = (name: string, channel?: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    annotations: channel ? { [SUPPORT_CHANNEL_ANNOTATION]: channel } : {},
  },
  spec: { type: 'team', children: [] },
});
const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    title: 'Payments API',
    annotations: {
      [SUPPORT_CHANNEL_ANNOTATION]: 'https://chat.example.com/payments',
    },
  },
  spec: { type: 'service', owner: 'team-payments', lifecycle: 'production' },
};
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('the support plugin', () => {
  it("serves /support, listing each team's channel and only teams that have one", async () => {
    renderTestApp({
      features: [plugin],
      apis: [
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              group('team-search', 'https://chat.example.com/search'),
              group('team-payments', 'https://chat.example.com/payments'),
              group('team-quiet'),
              service,
            ],
          }),
        ],
      ],
      mountedRoutes,
      initialRouteEntries: ['/support'],
    });

    const list = await screen.findByRole('list', { name: 'Support channels' });
    // each row: a link to the team, and one to its channel
    const rows = within(list)
      .getAllByRole('listitem')
      .map(row =>
        within(row)
          .getAllByRole('link')
          .map(link => link.getAttribute('href')),
      );
    expect(rows).toEqual([
      [
        '/catalog/default/group/team-payments',
        'https://chat.example.com/payments',
      ],
      ['/catalog/default/group/team-search', 'https://chat.example.com/search'],
    ]);
  });

  it("shows the entity's channel on the Support card", async () => {
    await renderInTestApp(
      <EntityProvider entity={service}>
        <SupportChannelCard />
      </EntityProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText(/Questions about Payments API\? Ask in/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: /^https:\/\/chat\.example\.com\/payments/,
      }),
    ).toHaveAttribute('href', 'https://chat.example.com/payments');
  });

  it('puts the card only on entities that name a channel', () => {
    const filter = createExtensionTester(supportEntityCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    );
    if (!filter) throw new Error('the card has no filter');
    expect(filter(service)).toBe(true);
    expect(filter(group('team-quiet'))).toBe(false);
  });
});
