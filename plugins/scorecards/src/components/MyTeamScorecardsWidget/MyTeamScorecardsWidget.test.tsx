import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { Entity } from '@backstage/catalog-model';
import { scorecardsApiRef } from '../../api';
import { rootRouteRef } from '../../routes';
import { mockScorecardsApi } from '../../__testUtils__/fixtures';
import { MyTeamScorecardsWidget } from './MyTeamScorecardsWidget';

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
  metadata: { name: 'team-payments', title: 'Payments Team' },
  spec: { type: 'team', children: [] },
};

const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/scorecards': rootRouteRef,
};

describe('MyTeamScorecardsWidget', () => {
  it("shows the level distribution of the user's team on each scorecard", async () => {
    const api = mockScorecardsApi({
      getAggregates: jest.fn(async () => ({
        items: [
          {
            scorecardId: 'production-readiness',
            total: 3,
            levels: [
              { level: 'bronze', count: 2 },
              { level: 'gold', count: 1 },
            ],
            checks: [],
          },
        ],
      })),
    });

    await renderInTestApp(<MyTeamScorecardsWidget />, {
      mountedRoutes,
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/guest' }),
        [catalogApiRef, catalogApiMock({ entities: [user, team] })],
        [scorecardsApiRef, api],
      ],
    });

    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(api.getAggregates).toHaveBeenCalledWith({
      group: 'group:default/team-payments',
    });
    expect(screen.getByText('3 entities')).toBeInTheDocument();
    expect(screen.getByLabelText('Bronze: 2 (67%)')).toBeInTheDocument();
    expect(screen.getByLabelText('Gold: 1 (33%)')).toBeInTheDocument();
    expect(screen.getByLabelText('No level: 0 (0%)')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'View all scorecards' }),
    ).toHaveAttribute('href', '/scorecards');
    expect(screen.getByRole('link', { name: /Payments Team/ })).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
  });

  it('says so when the user is in no team', async () => {
    const api = mockScorecardsApi();
    await renderInTestApp(<MyTeamScorecardsWidget />, {
      mountedRoutes,
      apis: [
        mockApis.identity({ userEntityRef: 'user:default/loner' }),
        [catalogApiRef, catalogApiMock({ entities: [] })],
        [scorecardsApiRef, api],
      ],
    });

    expect(
      await screen.findByText(
        'You are not a member of any team in the catalog yet.',
      ),
    ).toBeInTheDocument();
    expect(api.getAggregates).not.toHaveBeenCalled();
  });
});
