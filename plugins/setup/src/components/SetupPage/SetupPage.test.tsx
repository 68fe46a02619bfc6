import { screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { setupApiRef } from '../../api';
import { adminApi, notAdminApi } from '../../__testUtils__/fixtures';
import { SetupPage } from './SetupPage';

const providerRow = async (name: RegExp) =>
  within(
    await screen.findByRole('table', { name: 'Catalog providers' }),
  ).getByRole('row', { name });

describe('SetupPage', () => {
  it('tells someone who is not an admin that only admins see it, and nothing else', async () => {
    await renderInTestApp(<SetupPage />, {
      apis: [[setupApiRef, notAdminApi()]],
    });

    expect(
      await screen.findByText('Only Greenroom admins see this page'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it("shows a provider's last run, its counts and the error it logged", async () => {
    await renderInTestApp(<SetupPage />, { apis: [[setupApiRef, adminApi()]] });

    const ldap = await providerRow(/^LDAP/);
    expect(
      within(ldap).getByText('ldaps://ldap.acme.test'),
    ).toBeInTheDocument();
    expect(
      within(ldap).getByText(
        'Last ran until 2026-12-01 16:00 UTC; next at 2026-12-01 17:00 UTC',
      ),
    ).toBeInTheDocument();
    expect(within(ldap).getByText('0 users, 0 groups')).toBeInTheDocument();
    expect(
      within(ldap).getByText(
        'LdapOrgEntityProvider:corp refresh failed, InvalidCredentialsError: Invalid Credentials',
      ),
    ).toBeInTheDocument();

    const discovery = await providerRow(/^GitHub discovery/);
    expect(
      within(discovery).getByText(
        'Running since 2026-12-01 16:30 UTC. Last ran until 2026-12-01 15:30 UTC',
      ),
    ).toBeInTheDocument();
    expect(
      within(discovery).getByText('12 catalog files, 31 entities'),
    ).toBeInTheDocument();
  });

  it('lists the sign-in providers and whether the sign-in page offers them', async () => {
    await renderInTestApp(<SetupPage />, { apis: [[setupApiRef, adminApi()]] });

    const table = await screen.findByRole('table', {
      name: 'Sign-in providers',
    });
    const oidc = within(table).getByRole('row', { name: /^OpenID Connect/ });
    expect(
      within(oidc)
        .getAllByRole('cell')
        .map(cell => cell.textContent),
    ).toEqual(['OpenID Connect', 'No', 'Yes', '']);
  });

  it('names the variables that set up what is missing, and the doc', async () => {
    await renderInTestApp(<SetupPage />, { apis: [[setupApiRef, adminApi()]] });

    // the first item, with its choices nested in it
    const [item] = within(
      await screen.findByRole('list', { name: 'Not set up yet' }),
    ).getAllByRole('listitem');
    expect(
      within(item).getByText(/^The sign-in page offers OpenID Connect/),
    ).toBeInTheDocument();
    expect(
      [...item.querySelectorAll('code')].map(code => code.textContent),
    ).toEqual([
      'AUTH_OIDC_METADATA_URL',
      'AUTH_OIDC_CLIENT_ID',
      'AUTH_OIDC_CLIENT_SECRET',
      'README.md#production',
    ]);
  });
});
