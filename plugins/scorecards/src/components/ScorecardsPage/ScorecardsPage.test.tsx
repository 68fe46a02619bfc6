import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Scorecard } from '@internal/plugin-scorecards-common';
import { scorecardsApiRef } from '../../api';
import {
  mockScorecardsApi,
  productionReadiness,
} from '../../__testUtils__/fixtures';
import { rowCells, tableRows } from '../../__testUtils__/tableRows';
import { ScorecardsPage } from './ScorecardsPage';

const security: Scorecard = {
  id: 'security',
  title: 'Security',
  appliesTo: {},
  levels: [{ id: 'basic', title: 'Basic' }],
  checks: [{ id: 'no-secrets', title: 'No secrets in repo', level: 'basic' }],
};

function pageApi() {
  return mockScorecardsApi({
    listScorecards: jest.fn(async () => ({
      items: [productionReadiness, security],
      errors: [
        {
          file: 'scorecards/broken.yaml',
          scorecard: 'broken',
          check: 'bad-check',
          message: 'unknown level "platinum"',
        },
      ],
    })),
    getAggregates: jest.fn(async () => ({
      items: [
        {
          scorecardId: 'production-readiness',
          total: 4,
          levels: [
            { level: null, count: 1 },
            { level: 'bronze', count: 2 },
            { level: 'gold', count: 1 },
          ],
          checks: [
            { checkId: 'has-owner', pass: 3, fail: 1, error: 0 },
            { checkId: 'has-docs', pass: 1, fail: 2, error: 1 },
            { checkId: 'has-runbook', pass: 1, fail: 3, error: 0 },
          ],
        },
      ],
    })),
    getLeaderboard: jest.fn(async () => ({
      items: [
        {
          groupRef: 'group:default/team-payments',
          title: 'Payments Team',
          total: 3,
          levels: [
            { level: 'bronze', count: 2 },
            { level: 'gold', count: 1 },
          ],
          passRate: 0.667,
        },
        {
          groupRef: 'group:default/team-fulfillment',
          title: 'Fulfillment Team',
          total: 1,
          levels: [{ level: null, count: 1 }],
          passRate: 0.25,
        },
      ],
    })),
    getCheckEntities: jest.fn(async () => ({
      items: [
        {
          entityRef: 'component:default/orders-service',
          status: 'fail' as const,
          reason: 'No backstage.io/techdocs-ref annotation',
          level: 'bronze',
        },
      ],
      totalItems: 1,
    })),
    getHistory: jest.fn(async () => ({
      items: [
        { day: '2025-11-19', levels: [{ level: 'bronze', count: 3 }] },
        {
          day: '2025-11-20',
          levels: [
            { level: 'bronze', count: 2 },
            { level: 'gold', count: 1 },
          ],
        },
      ],
    })),
  });
}

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function render(api = pageApi(), url = '/scorecards') {
  return renderInTestApp(<ScorecardsPage />, {
    apis: [[scorecardsApiRef, api]],
    mountedRoutes,
    mountPath: '/scorecards',
    initialRouteEntries: [url],
  });
}

describe('ScorecardsPage', () => {
  it('shows definition errors, the level distribution, the leaderboard and the checks', async () => {
    const api = pageApi();
    await render(api);

    const leaderboard = await screen.findByText('Team leaderboard');
    expect(leaderboard).toBeInTheDocument();

    // Definition errors, with file, scorecard, check and message.
    const banner = screen.getByLabelText('Scorecard definition errors');
    expect(banner).toHaveTextContent('scorecards/broken.yaml');
    expect(banner).toHaveTextContent('scorecard broken');
    expect(banner).toHaveTextContent('check bad-check');
    expect(banner).toHaveTextContent('unknown level "platinum"');

    // The first scorecard is selected.
    expect(
      screen.getByRole('tab', { name: 'Production readiness' }),
    ).toHaveAttribute('aria-selected', 'true');
    expect(api.getAggregates).toHaveBeenCalledWith({
      scorecard: 'production-readiness',
    });

    // Level distribution: a bar per level including "No level".
    const distribution = screen.getByRole('list', {
      name: 'Level distribution',
    });
    expect(
      within(distribution)
        .getAllByRole('listitem')
        .map(item => item.getAttribute('aria-label')),
    ).toEqual([
      'No level: 1 (25%)',
      'Bronze: 2 (50%)',
      'Silver: 0 (0%)',
      'Gold: 1 (25%)',
    ]);

    // Leaderboard rows, best first, with rank, team, counts per level and pass rate.
    const payments = await screen.findByRole('link', { name: 'Payments Team' });
    expect(rowCells(payments)).toEqual({
      Rank: '1',
      Team: 'Payments Team',
      Entities: '3',
      'No level': '0',
      Bronze: '2',
      Silver: '0',
      Gold: '1',
      'Pass rate': '67%',
    });
    const fulfillment = screen.getByRole('link', { name: 'Fulfillment Team' });
    expect(rowCells(fulfillment)).toEqual({
      Rank: '2',
      Team: 'Fulfillment Team',
      Entities: '1',
      'No level': '1',
      Bronze: '0',
      Silver: '0',
      Gold: '0',
      'Pass rate': '25%',
    });
    expect(payments).toHaveAttribute(
      'href',
      '/catalog/default/group/team-payments',
    );
    expect(
      payments.compareDocumentPosition(fulfillment) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();

    // Checks, lowest level first, with their counts; each links to its drill-down.
    expect(
      tableRows(screen.getByRole('link', { name: 'Has TechDocs' })),
    ).toEqual([
      {
        Check: 'Has an owner',
        Level: 'Bronze',
        Pass: '3',
        Fail: '1',
        Error: '0',
      },
      {
        Check: 'Has TechDocs',
        Level: 'Silver',
        Pass: '1',
        Fail: '2',
        Error: '1',
      },
      {
        Check: 'Has a runbook',
        Level: 'Gold',
        Pass: '1',
        Fail: '3',
        Error: '0',
      },
    ]);
    expect(screen.getByRole('link', { name: 'Has TechDocs' })).toHaveAttribute(
      'href',
      '/scorecards?scorecard=production-readiness&check=has-docs',
    );
    expect(api.getHistory).toHaveBeenCalledWith('production-readiness', {
      days: 90,
    });
  });

  it('opens the drill-down of a check with its failing entities', async () => {
    const api = pageApi();
    await render(api);

    await userEvent.click(
      await screen.findByRole('link', { name: 'Has TechDocs' }),
    );

    expect(await screen.findByText('Check: Has TechDocs')).toBeInTheDocument();
    const orders = await screen.findByRole('link', { name: /orders-service/ });
    expect(orders).toHaveAttribute(
      'href',
      '/catalog/default/component/orders-service',
    );
    expect(rowCells(orders)).toEqual({
      Entity: 'orders-service',
      Status: 'Fail',
      Reason: 'No backstage.io/techdocs-ref annotation',
      'Entity level': 'Bronze',
    });
    expect(screen.getByText('1 of 1 entities')).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
    expect(api.getCheckEntities).toHaveBeenCalledWith(
      'production-readiness',
      'has-docs',
      'fail',
    );
  });

  it('loads the next page of a drill-down on request', async () => {
    const entity = (name: string) => ({
      entityRef: `component:default/${name}`,
      status: 'fail' as const,
      reason: `${name} has no docs`,
      level: null,
    });
    const api = pageApi();
    api.getCheckEntities.mockImplementation(
      async (_scorecard, _check, _status, page) =>
        page?.cursor === 'after-a'
          ? { items: [entity('b')], totalItems: 2 }
          : { items: [entity('a')], totalItems: 2, nextCursor: 'after-a' },
    );
    await render(
      api,
      '/scorecards?scorecard=production-readiness&check=has-docs',
    );

    const a = await screen.findByRole('link', { name: /^a$/ });
    expect(screen.getByText('1 of 2 entities')).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));

    expect(await screen.findByText('2 of 2 entities')).toBeInTheDocument();
    expect(api.getCheckEntities).toHaveBeenLastCalledWith(
      'production-readiness',
      'has-docs',
      'fail',
      { cursor: 'after-a' },
    );
    expect(tableRows(a).map(row => row.Reason)).toEqual([
      'a has no docs',
      'b has no docs',
    ]);
    expect(
      screen.queryByRole('button', { name: 'Load more' }),
    ).not.toBeInTheDocument();
  });

  it('opens the drill-down straight from its URL', async () => {
    const api = pageApi();
    await render(
      api,
      '/scorecards?scorecard=production-readiness&check=has-runbook&status=error',
    );

    expect(await screen.findByText('Check: Has a runbook')).toBeInTheDocument();
    await waitFor(() =>
      expect(api.getCheckEntities).toHaveBeenCalledWith(
        'production-readiness',
        'has-runbook',
        'error',
      ),
    );
    expect(screen.getByRole('link', { name: 'Erroring' })).toHaveAttribute(
      'aria-current',
      'true',
    );
    expect(screen.getByRole('link', { name: 'Failing' })).toHaveAttribute(
      'href',
      '/scorecards?scorecard=production-readiness&check=has-runbook',
    );
  });

  it('selects another scorecard from the tabs', async () => {
    const api = pageApi();
    await render(api);

    await userEvent.click(await screen.findByRole('tab', { name: 'Security' }));

    await waitFor(() =>
      expect(api.getLeaderboard).toHaveBeenLastCalledWith('security'),
    );
    expect(screen.getByRole('tab', { name: 'Security' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    expect(
      await screen.findByRole('link', { name: 'No secrets in repo' }),
    ).toHaveAttribute(
      'href',
      '/scorecards?scorecard=security&check=no-secrets',
    );
  });

  it('says so when no scorecard is loaded', async () => {
    await render(
      mockScorecardsApi({
        listScorecards: jest.fn(async () => ({ items: [], errors: [] })),
      }),
    );

    expect(await screen.findByText('No scorecards yet')).toBeInTheDocument();
  });
});
