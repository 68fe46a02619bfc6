import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import { scorecardsApiRef } from '../../api';
import {
  mockScorecardsApi,
  paymentsResult,
  paymentsService,
} from '../../__testUtils__/fixtures';
import { EntityScorecardsContent } from './EntityScorecardsContent';

/** Renders the tab for someone who may re-evaluate the entity. */
function render(api = mockScorecardsApi()) {
  return renderInTestApp(
    <EntityProvider entity={paymentsService}>
      <EntityScorecardsContent />
    </EntityProvider>,
    {
      apis: [
        [scorecardsApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ],
    },
  );
}

// usePermission caches each decision for the test file (SWR): someone who may
// not re-evaluate is in EntityScorecardsContent.refreshDenied.test.tsx.
describe('EntityScorecardsContent', () => {
  it('shows the level, each check by level with Pass/Fail/Error, the reason and how to fix', async () => {
    const api = mockScorecardsApi();
    await render(api);

    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(api.getEntityResults).toHaveBeenCalledWith(
      'component:default/payments-service',
    );
    expect(screen.getByText('Bronze')).toBeInTheDocument();
    expect(screen.getByText('1 of 3 checks pass')).toBeInTheDocument();
    expect(
      screen.getByText('Next level: Silver (1 to fix)'),
    ).toBeInTheDocument();

    // Groups, lowest level first.
    const headings = screen
      .getAllByRole('heading', { level: 3 })
      .map(h => h.textContent);
    expect(headings).toEqual(['Bronze checks', 'Silver checks', 'Gold checks']);

    const owner = screen.getByTestId('check-has-owner');
    expect(within(owner).getByText('Pass')).toBeInTheDocument();
    expect(within(owner).getByText('Has an owner')).toBeInTheDocument();
    // A passing check shows no fix.
    expect(within(owner).queryByText('How to fix')).not.toBeInTheDocument();

    const docs = screen.getByTestId('check-has-docs');
    expect(within(docs).getByText('Fail')).toBeInTheDocument();
    expect(within(docs).getByText('Has TechDocs')).toBeInTheDocument();
    expect(
      within(docs).getByText('No backstage.io/techdocs-ref annotation'),
    ).toBeInTheDocument();
    expect(within(docs).getByText('How to fix')).toBeInTheDocument();
    // The fix is rendered as Markdown.
    expect(
      await within(docs).findByText('backstage.io/techdocs-ref', {
        selector: 'strong',
      }),
    ).toBeInTheDocument();

    const runbook = screen.getByTestId('check-has-runbook');
    expect(within(runbook).getByText('Error')).toBeInTheDocument();
    expect(within(runbook).getByText('Links unreadable')).toBeInTheDocument();
  });

  it('re-evaluates the entity and shows the new results', async () => {
    const api = mockScorecardsApi({
      refreshEntity: jest.fn(async () => ({
        entityRef: paymentsResult.entityRef,
        results: [
          {
            ...paymentsResult,
            level: 'silver',
            levelIndex: 1,
            passed: 2,
            checks: paymentsResult.checks.map(c =>
              c.checkId === 'has-docs'
                ? { checkId: c.checkId, status: 'pass' as const }
                : c,
            ),
          },
        ],
      })),
    });
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate' }),
    );

    expect(await screen.findByText('2 of 3 checks pass')).toBeInTheDocument();
    expect(api.refreshEntity).toHaveBeenCalledWith(
      'component:default/payments-service',
    );
    expect(
      within(screen.getByTestId('check-has-docs')).getByText('Pass'),
    ).toBeInTheDocument();
  });

  it('shows why re-evaluating failed', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Missing permission' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'Content-Type': 'application/json' },
        },
      ) as any,
    );
    const api = mockScorecardsApi({
      refreshEntity: jest.fn(async () => {
        throw forbidden;
      }),
    });
    await render(api);

    await userEvent.click(
      await screen.findByRole('button', { name: 'Re-evaluate' }),
    );

    expect(
      await screen.findByText(
        'Could not re-evaluate: Missing permission (HTTP 403)',
      ),
    ).toBeInTheDocument();
    // The previous results stay.
    expect(screen.getByText('1 of 3 checks pass')).toBeInTheDocument();
  });

  it('says so when no scorecard applies', async () => {
    await render(
      mockScorecardsApi({
        getEntityResults: jest.fn(async () => ({
          entityRef: 'component:default/payments-service',
          results: [],
        })),
      }),
    );

    expect(
      await screen.findByText('No scorecard applies to this entity'),
    ).toBeInTheDocument();
  });

  it('shows load errors', async () => {
    await render(
      mockScorecardsApi({
        getEntityResults: jest.fn(async () => {
          throw new Error('Scorecards backend is down');
        }),
      }),
    );

    expect(
      await screen.findByRole('heading', {
        name: 'Error: Scorecards backend is down',
      }),
    ).toBeInTheDocument();
    expect(screen.queryByText('Production readiness')).not.toBeInTheDocument();
  });
});
