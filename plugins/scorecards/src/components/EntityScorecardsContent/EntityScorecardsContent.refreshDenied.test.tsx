import { screen } from '@testing-library/react';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { scorecardsEntityRefreshPermission } from '@internal/plugin-scorecards-common';
import { scorecardsApiRef } from '../../api';
import {
  mockScorecardsApi,
  paymentsService,
} from '../../__testUtils__/fixtures';
import { EntityScorecardsContent } from './EntityScorecardsContent';

// In a file of its own: usePermission caches each decision for the test file.
describe('EntityScorecardsContent for someone who may not re-evaluate the entity', () => {
  it('shows the results without the Re-evaluate button', async () => {
    const authorize = jest.fn(
      (_request: EvaluatePermissionRequest) => AuthorizeResult.DENY,
    );
    const api = mockScorecardsApi();
    await renderInTestApp(
      <EntityProvider entity={paymentsService}>
        <EntityScorecardsContent />
      </EntityProvider>,
      {
        apis: [[scorecardsApiRef, api], mockApis.permission({ authorize })],
      },
    );

    expect(await screen.findByText('Production readiness')).toBeInTheDocument();
    expect(screen.getByText('1 of 3 checks pass')).toBeInTheDocument();
    // asked about this entity
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: scorecardsEntityRefreshPermission,
        resourceRef: 'component:default/payments-service',
      }),
    );
    expect(
      screen.queryByRole('button', { name: /Re-evaluat/ }),
    ).not.toBeInTheDocument();
    expect(api.refreshEntity).not.toHaveBeenCalled();
  });
});
