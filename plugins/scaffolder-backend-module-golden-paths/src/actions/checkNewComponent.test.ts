import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createCheckNewComponentAction } from './checkNewComponent';

const action = createCheckNewComponentAction({
  catalog: catalogServiceMock({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'team-a', namespace: 'default' },
        spec: { type: 'team', children: [] },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: { name: 'ann', namespace: 'default' },
        spec: {},
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'shop', namespace: 'default' },
        spec: { owner: 'team-a' },
      },
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'taken', namespace: 'default' },
        spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
      },
    ],
  }),
});

const run = (input: Record<string, string>) => {
  const ctx = createMockActionContext({
    input: { owner: 'team-a', ...input } as any,
  });
  return { ctx, done: action.handler(ctx) };
};

describe('greenroom:catalog:check-new-component', () => {
  it('outputs the new entity ref, owner and system when all is well', async () => {
    const { ctx, done } = run({ name: 'refunds-api', system: 'shop' });
    await done;
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/refunds-api',
    );
    expect(ctx.output).toHaveBeenCalledWith('ownerRef', 'group:default/team-a');
    expect(ctx.output).toHaveBeenCalledWith('ownerName', 'team-a');
    expect(ctx.output).toHaveBeenCalledWith('systemRef', 'system:default/shop');
  });

  it.each([
    [
      { name: 'Refunds_API' },
      "Invalid name 'Refunds_API': use lowercase letters, digits and single dashes",
    ],
    [{ name: 'a--b' }, "Invalid name 'a--b'"],
    [{ name: '../etc' }, "Invalid name '../etc'"],
    [
      { name: 'taken' },
      "The name 'taken' is already taken in the catalog by component:default/taken: choose another",
    ],
    [
      { name: 'new-one', owner: 'group:default/nobody' },
      "The owner 'group:default/nobody' is not a group in the catalog",
    ],
    [
      { name: 'new-one', owner: 'user:default/ann' },
      "The owner 'user:default/ann' is not a group in the catalog",
    ],
    [
      { name: 'new-one', system: 'nowhere' },
      "The system 'nowhere' is not a system in the catalog",
    ],
    [
      { name: 'new-one', system: 'component:default/taken' },
      "The system 'component:default/taken' is not a system in the catalog",
    ],
  ])('refuses %j, naming the problem', async (input, message) => {
    await expect(run(input).done).rejects.toThrow(message);
  });

  it('reads the catalog as the person running the template, so an entity they may not read stays unknown to them', async () => {
    const getEntityByRef = jest.fn(
      async (ref: string, { credentials }: any) => {
        if (ref === 'group:default/team-a') {
          return { kind: 'Group', metadata: { name: 'team-a' } } as any;
        }
        // only the portal's own service credentials would see this one
        return credentials.principal.type === 'service' &&
          ref.endsWith('/hidden')
          ? ({ kind: 'Component', metadata: { name: 'hidden' } } as any)
          : undefined;
      },
    );
    const asCaller = createCheckNewComponentAction({
      catalog: catalogServiceMock.mock({ getEntityByRef }),
    });
    const ctx = createMockActionContext({
      input: { name: 'hidden', owner: 'team-a' } as any,
    });
    await asCaller.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/hidden',
    );
    expect(getEntityByRef).toHaveBeenCalledWith('component:default/hidden', {
      credentials: mockCredentials.user(),
    });
  });
});
