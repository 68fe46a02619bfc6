import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AccessControlApi, accessControlApiRef } from '../../api';
import {
  mockAccessControlApi,
  readerPermissions,
} from '../../__testUtils__/fixtures';
import { AccessControlPage } from './AccessControlPage';

function render(api: AccessControlApi = mockAccessControlApi()) {
  return renderInTestApp(<AccessControlPage />, {
    apis: [[accessControlApiRef, api], readerPermissions()],
  });
}

const members = async (role: string) =>
  within(
    await screen.findByRole('list', { name: `Members of ${role}` }),
  ).getAllByRole('listitem');

// In a file of its own: usePermission caches each decision for the test file.
describe('AccessControlPage for someone who may read access control but not manage it', () => {
  it('shows neither the grant form nor Revoke to someone who may only read', async () => {
    await render();

    expect(await members('admin')).toHaveLength(2);
    expect(
      screen.queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Grant' }),
    ).not.toBeInTheDocument();
    expect(screen.queryByLabelText('User or group')).not.toBeInTheDocument();
    // Reading still shows the export and the simulator.
    expect(
      screen.getByRole('button', { name: 'Export policy' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Check' })).toBeInTheDocument();
  });
});
