import { act, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { setupApiRef } from '../../api';
import { adminApi, notAdminApi } from '../../__testUtils__/fixtures';
import { SetupAdminOnly } from './SetupAdminOnly';

const item = (
  <SetupAdminOnly>
    <a href="/setup">Setup</a>
  </SetupAdminOnly>
);

describe('SetupAdminOnly', () => {
  it('shows its children to an admin', async () => {
    await renderInTestApp(item, { apis: [[setupApiRef, adminApi()]] });

    expect(await screen.findByRole('link', { name: 'Setup' })).toHaveAttribute(
      'href',
      '/setup',
    );
  });

  it('hides its children from anyone the setup backend refuses', async () => {
    const api = notAdminApi();
    await renderInTestApp(
      <>
        {item}
        <span>rendered</span>
      </>,
      { apis: [[setupApiRef, api]] },
    );

    expect(await screen.findByText('rendered')).toBeInTheDocument();
    await expect(api.getStatus.mock.results[0].value).rejects.toThrow();
    // the refusal has been rendered
    await act(async () => {});
    expect(
      screen.queryByRole('link', { name: 'Setup' }),
    ).not.toBeInTheDocument();
  });
});
