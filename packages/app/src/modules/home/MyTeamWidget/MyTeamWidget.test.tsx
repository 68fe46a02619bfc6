import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { MyTeamWidget } from './MyTeamWidget';

const user: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'guest' },
  spec: { memberOf: ['team-payments'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/team-payments' }],
};

const team: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'team-payments',
    title: 'Payments Team',
    description: 'Owns payments.',
  },
  spec: { type: 'team', children: [] },
  relations: [
    { type: 'hasMember', targetRef: 'user:default/guest' },
    { type: 'hasMember', targetRef: 'user:default/daniel.okafor' },
  ],
};

const component = (name: string, owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name },
  spec: { type: 'service', lifecycle: 'production', owner },
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

// EntityRefLink needs the catalog's entity page to link to.
const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('MyTeamWidget', () => {
  it("shows the user's team, its size and the components it owns", async () => {
    await renderInTestApp(<MyTeamWidget />, {
      mountedRoutes,
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/guest' }),
        [
          catalogApiRef,
          catalogApiMock({
            entities: [
              user,
              team,
              component('payments-service', 'team-payments'),
              component('orders-service', 'team-fulfillment'),
            ],
          }),
        ],
      ],
    });

    expect(await screen.findByText('Payments Team')).toBeInTheDocument();
    expect(screen.getByText(/2 members · 1 components/)).toBeInTheDocument();
    expect(screen.getByText('payments-service')).toBeInTheDocument();
    expect(screen.queryByText('orders-service')).not.toBeInTheDocument();
  });

  it('says so when the user is in no team', async () => {
    await renderInTestApp(<MyTeamWidget />, {
      mountedRoutes,
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/loner' }),
        [catalogApiRef, catalogApiMock({ entities: [] })],
      ],
    });

    expect(
      await screen.findByText(
        'You are not a member of any team in the catalog yet.',
      ),
    ).toBeInTheDocument();
  });
});
