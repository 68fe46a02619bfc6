import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { AccessControlApi, accessControlApiRef } from '../../api';
import {
  adminPermissions,
  mockAccessControlApi,
  responseError,
  roleList,
} from '../../__testUtils__/fixtures';
import { AccessControlPage } from './AccessControlPage';

function render(
  api: AccessControlApi = mockAccessControlApi(),
  permissions = adminPermissions(),
) {
  return renderInTestApp(<AccessControlPage />, {
    apis: [[accessControlApiRef, api], permissions],
  });
}

const roleCard = async (name: string) =>
  screen.findByRole('region', { name: `Role ${name}` });

const members = async (role: string) =>
  within(
    await screen.findByRole('list', { name: `Members of ${role}` }),
  ).getAllByRole('listitem');

// usePermission caches each decision for the test file (SWR), so every test
// here is an admin's; AccessControlPage.reader.test.tsx and
// AccessControlPage.notAllowed.test.tsx hold the other users.
describe('AccessControlPage', () => {
  it('shows each role with its description, includes, grants and members with their source', async () => {
    await render();

    const admin = await roleCard('admin');
    expect(
      within(admin).getByText('Everything, access control included.'),
    ).toBeInTheDocument();
    expect(within(admin).getByText('* (every permission)')).toBeInTheDocument();
    expect(
      within(admin).getByText('access-control/policy.yaml:17'),
    ).toBeInTheDocument();
    const [configMember, pageMember] = await members('admin');
    expect(configMember).toHaveTextContent(
      'group:default/greenroom-adminsFrom config',
    );
    expect(pageMember).toHaveTextContent(
      'user:default/bobGranted on this page',
    );
    // Only members granted on this page can be revoked here.
    expect(
      within(configMember).queryByRole('button', { name: 'Revoke' }),
    ).not.toBeInTheDocument();
    expect(
      within(pageMember).getByRole('button', { name: 'Revoke' }),
    ).toBeInTheDocument();

    const engineer = await roleCard('platform-engineer');
    expect(within(engineer).getByText('Includes: member')).toBeInTheDocument();
    expect(
      (await members('platform-engineer')).map(item => item.textContent),
    ).toEqual(['user:default/carolFrom the policy file']);

    const member = await roleCard('member');
    expect(
      within(member).getByText(
        /only if the entity is owned by the user or one of their groups/,
      ),
    ).toBeInTheDocument();
    expect(
      within(member).getByText('access-control/policy.yaml:52'),
    ).toBeInTheDocument();
    expect(
      within(member).getByText('Every signed-in user who holds no other role.'),
    ).toBeInTheDocument();
  });

  it('says the same when the backend refuses to list the roles', async () => {
    const refusal = await responseError(
      403,
      'NotAllowedError',
      'access-control.read is denied to user:default/alice',
    );
    await render(
      mockAccessControlApi({
        listRoles: jest.fn(async () => {
          throw refusal;
        }),
      }),
    );

    expect(
      await screen.findByText('Only admins see access control'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/access-control\.read is denied to user:default\/alice/),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('region', { name: 'Role admin' }),
    ).not.toBeInTheDocument();
  });

  it('lists the problems of a policy file it cannot use, and that every request is denied', async () => {
    const broken = roleList();
    broken.policyFile = {
      file: 'access-control/policy.yaml',
      ok: false,
      problems: [
        'access-control/policy.yaml:12: unknown role "platfrom-engineer" in includes',
        'access-control/policy.yaml:30: unknown permission "catalog.entity.reed"',
      ],
    };
    await render(
      mockAccessControlApi({ listRoles: jest.fn(async () => broken) }),
    );

    expect(
      await screen.findByText('Every request is denied until it is fixed.'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Policy file problems' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(broken.policyFile.problems);
  });

  it('shows no banner when the policy file is fine', async () => {
    await render();
    await roleCard('admin');
    expect(
      screen.queryByText('Every request is denied until it is fixed.'),
    ).not.toBeInTheDocument();
  });

  it('grants a role and shows the new member', async () => {
    const granted = roleList();
    granted.roles[1].members.push({
      member: 'group:default/team-payments',
      source: 'access control page',
    });
    const api = mockAccessControlApi({
      listRoles: jest
        .fn()
        .mockResolvedValueOnce(roleList())
        .mockResolvedValue(granted),
    });
    await render(api);

    fireEvent.change(await screen.findByLabelText('Role'), {
      target: { value: 'platform-engineer' },
    });
    fireEvent.change(screen.getByLabelText('User or group'), {
      target: { value: 'group:default/team-payments' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));

    expect(
      await screen.findByText(
        'group:default/team-payments now holds platform-engineer.',
      ),
    ).toBeInTheDocument();
    expect(api.grantRole).toHaveBeenCalledWith(
      'platform-engineer',
      'group:default/team-payments',
    );
    const engineer = await roleCard('platform-engineer');
    expect(
      await within(engineer).findByText('group:default/team-payments'),
    ).toBeInTheDocument();
    expect(api.listRoles).toHaveBeenCalledTimes(2);
  });

  it("shows the server's message when granting fails", async () => {
    const refusal = await responseError(
      400,
      'InputError',
      'group:default/team-paymnets is not a user or group of the catalog',
    );
    await render(
      mockAccessControlApi({
        grantRole: jest.fn(async () => {
          throw refusal;
        }),
      }),
    );

    fireEvent.change(await screen.findByLabelText('User or group'), {
      target: { value: 'group:default/team-paymnets' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Grant' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not grant admin: group:default/team-paymnets is not a user or group of the catalog',
    );
  });

  it('revokes a role granted on the page', async () => {
    const revoked = roleList();
    revoked.roles[0].members.pop();
    const api = mockAccessControlApi({
      listRoles: jest
        .fn()
        .mockResolvedValueOnce(roleList())
        .mockResolvedValue(revoked),
    });
    await render(api);

    const [, bob] = await members('admin');
    fireEvent.click(within(bob).getByRole('button', { name: 'Revoke' }));

    expect(
      await within(await roleCard('admin')).findByText(
        'group:default/greenroom-admins',
      ),
    ).toBeInTheDocument();
    expect(api.revokeRole).toHaveBeenCalledWith('admin', 'user:default/bob');
    expect(await members('admin')).toHaveLength(1);
  });

  it("shows the server's message when revoking is refused", async () => {
    const refusal = await responseError(
      409,
      'ConflictError',
      'user:default/bob is the last admin; grant admin to someone else first',
    );
    await render(
      mockAccessControlApi({
        revokeRole: jest.fn(async () => {
          throw refusal;
        }),
      }),
    );

    const [, bob] = await members('admin');
    fireEvent.click(within(bob).getByRole('button', { name: 'Revoke' }));

    expect(
      await within(await roleCard('admin')).findByRole('alert'),
    ).toHaveTextContent(
      'Could not revoke user:default/bob: user:default/bob is the last admin; grant admin to someone else first',
    );
    // The member stays.
    expect(await members('admin')).toHaveLength(2);
  });

  it('downloads the exported policy as policy.yaml', async () => {
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:policy');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    let downloaded: { download: string; href: string } | undefined;
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function recordDownload(this: HTMLAnchorElement) {
        downloaded = { download: this.download, href: this.href };
      });
    const api = mockAccessControlApi();
    try {
      await render(api);

      fireEvent.click(
        await screen.findByRole('button', { name: 'Export policy' }),
      );

      await waitFor(() =>
        expect(downloaded).toEqual({
          download: 'policy.yaml',
          href: 'blob:policy',
        }),
      );
      expect(api.exportPolicy).toHaveBeenCalled();
      const blob = createObjectURL.mock.calls[0][0];
      expect(blob.size).toBe('roles: {}\n'.length);
      expect(blob.type).toBe('text/yaml');
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:policy');
    } finally {
      click.mockRestore();
    }
  });
});
