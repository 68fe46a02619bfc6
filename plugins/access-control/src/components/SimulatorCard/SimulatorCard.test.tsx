import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { accessControlApiRef } from '../../api';
import {
  mockAccessControlApi,
  responseError,
  roleList,
  simulation,
} from '../../__testUtils__/fixtures';
import { SimulatorCard } from './SimulatorCard';

function render(api = mockAccessControlApi()) {
  return renderInTestApp(
    <SimulatorCard permissions={roleList().permissions} />,
    { apis: [[accessControlApiRef, api]] },
  );
}

describe('SimulatorCard', () => {
  it("shows the decision, the user's roles, the message and what granted it", async () => {
    const api = mockAccessControlApi();
    await render(api);

    fireEvent.change(await screen.findByLabelText('User'), {
      target: { value: 'user:default/alice' },
    });
    fireEvent.change(screen.getByLabelText('Permission'), {
      target: { value: 'catalog.entity.delete' },
    });
    fireEvent.change(screen.getByLabelText('Entity'), {
      target: { value: 'component:default/payments-service' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));

    const decision = await screen.findByRole('region', { name: 'Decision' });
    expect(within(decision).getByText('ALLOW')).toBeInTheDocument();
    expect(within(decision).getByText(simulation.message)).toBeInTheDocument();
    expect(
      within(decision).getByText(
        'Roles of user:default/alice: platform-engineer, member',
      ),
    ).toBeInTheDocument();
    expect(
      within(within(decision).getByRole('list', { name: 'Granted by' }))
        .getAllByRole('listitem')
        .map(item => item.textContent),
    ).toEqual(simulation.grantedBy);
    expect(api.simulate).toHaveBeenCalledWith({
      user: 'user:default/alice',
      permission: 'catalog.entity.delete',
      entityRef: 'component:default/payments-service',
    });
  });

  it('asks for an entity only for a permission on catalog entities', async () => {
    const api = mockAccessControlApi({
      simulate: jest.fn(async () => ({
        ...simulation,
        permission: 'access-control.read',
        result: 'DENY' as const,
        message: 'No role of user:default/alice allows access-control.read',
        grantedBy: [],
      })),
    });
    await render(api);

    // access-control.read is first, and about no resource
    expect(await screen.findByLabelText('Permission')).toHaveValue(
      'access-control.read',
    );
    expect(screen.queryByLabelText('Entity')).not.toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('User'), {
      target: { value: 'user:default/alice' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));

    const decision = await screen.findByRole('region', { name: 'Decision' });
    expect(within(decision).getByText('DENY')).toBeInTheDocument();
    expect(
      within(decision).getByText(
        'No role of user:default/alice allows access-control.read',
      ),
    ).toBeInTheDocument();
    expect(api.simulate).toHaveBeenCalledWith({
      user: 'user:default/alice',
      permission: 'access-control.read',
    });
  });

  it("shows the server's message when it cannot check", async () => {
    const notFound = await responseError(
      404,
      'NotFoundError',
      'No user user:default/nobody in the catalog',
    );
    await render(
      mockAccessControlApi({
        simulate: jest.fn(async () => {
          throw notFound;
        }),
      }),
    );

    fireEvent.change(await screen.findByLabelText('User'), {
      target: { value: 'user:default/nobody' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Check' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Could not check: No user user:default/nobody in the catalog',
    );
    expect(
      screen.queryByRole('region', { name: 'Decision' }),
    ).not.toBeInTheDocument();
  });
});
