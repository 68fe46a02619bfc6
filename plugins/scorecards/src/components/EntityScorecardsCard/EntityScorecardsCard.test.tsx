import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { scorecardsApiRef } from '../../api';
import {
  mockScorecardsApi,
  paymentsResult,
  paymentsService,
  productionReadiness,
} from '../../testUtils/fixtures';
import { EntityScorecardsCard } from './EntityScorecardsCard';

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

describe('EntityScorecardsCard', () => {
  it('shows each scorecard with its level, linking to the scorecards tab', async () => {
    const api = mockScorecardsApi({
      listScorecards: jest.fn(async () => ({
        items: [
          productionReadiness,
          { ...productionReadiness, id: 'security', title: 'Security' },
        ],
        errors: [],
      })),
      getEntityResults: jest.fn(async () => ({
        entityRef: paymentsResult.entityRef,
        results: [
          paymentsResult,
          {
            ...paymentsResult,
            scorecardId: 'security',
            level: null,
            levelIndex: -1,
            passed: 0,
          },
        ],
      })),
    });

    await renderInTestApp(
      <EntityProvider entity={paymentsService}>
        <EntityScorecardsCard />
      </EntityProvider>,
      { apis: [[scorecardsApiRef, api]], mountedRoutes },
    );

    const link = await screen.findByRole('link', {
      name: 'Production readiness',
    });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-service/scorecards',
    );
    expect(screen.getByText('Bronze')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Security' })).toBeInTheDocument();
    expect(screen.getByText('No level yet')).toBeInTheDocument();
    expect(screen.getByText('0 of 3 checks pass')).toBeInTheDocument();
  });

  it('says so when no scorecard applies', async () => {
    await renderInTestApp(
      <EntityProvider entity={paymentsService}>
        <EntityScorecardsCard />
      </EntityProvider>,
      {
        apis: [
          [
            scorecardsApiRef,
            mockScorecardsApi({
              getEntityResults: jest.fn(async () => ({
                entityRef: paymentsResult.entityRef,
                results: [],
              })),
            }),
          ],
        ],
        mountedRoutes,
      },
    );

    expect(
      await screen.findByText('No scorecard applies to this entity.'),
    ).toBeInTheDocument();
  });
});
