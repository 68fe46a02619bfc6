import { screen, within } from '@testing-library/react';
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
} from '../../__testUtils__/fixtures';
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

    const production = await screen.findByRole('link', {
      name: 'Production readiness',
    });
    expect(production).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-service/scorecards',
    );
    // Each scorecard's level and count sit in its own list item.
    const productionItem = production.closest('li')!;
    expect(within(productionItem).getByText('Bronze')).toBeInTheDocument();
    expect(
      within(productionItem).getByText('1 of 3 checks pass'),
    ).toBeInTheDocument();

    const security = screen.getByRole('link', { name: 'Security' });
    const securityItem = security.closest('li')!;
    expect(securityItem).not.toBe(productionItem);
    expect(within(securityItem).getByText('No level yet')).toBeInTheDocument();
    expect(
      within(securityItem).getByText('0 of 3 checks pass'),
    ).toBeInTheDocument();
    expect(within(securityItem).queryByText('Bronze')).not.toBeInTheDocument();
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
