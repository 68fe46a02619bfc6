import { screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AccessControlApi, accessControlApiRef } from '../../api';
import {
  mockAccessControlApi,
  noPermissions,
} from '../../__testUtils__/fixtures';
import { AccessControlPage } from './AccessControlPage';

function render(api: AccessControlApi = mockAccessControlApi()) {
  return renderInTestApp(<AccessControlPage />, {
    apis: [[accessControlApiRef, api], noPermissions()],
  });
}

// In a file of its own: usePermission caches each decision for the test file.
describe('AccessControlPage for someone who may not read access control', () => {
  it('tells someone who may not read access control that only admins see it, and nothing else', async () => {
    const api = mockAccessControlApi();
    await render(api);

    expect(
      await screen.findByText('Only admins see access control'),
    ).toBeInTheDocument();
    expect(screen.getByText(/access-control\.read/)).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Role admin' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(api.listRoles).not.toHaveBeenCalled();
  });
});
