import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ParentGroupsOwnershipResolver } from './ParentGroupsOwnershipResolver';

function group(name: string, parent?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name, namespace: 'default' },
    spec: { type: 'team', children: [], ...(parent ? { parent } : {}) },
    relations: parent
      ? [{ type: 'childOf', targetRef: `group:default/${parent}` }]
      : [],
  };
}

const user = (...groups: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'mo', namespace: 'default' },
  spec: { memberOf: groups },
  relations: groups.map(g => ({
    type: 'memberOf',
    targetRef: `group:default/${g}`,
  })),
});

describe('ParentGroupsOwnershipResolver', () => {
  const resolverOf = (entities: Entity[]) =>
    ParentGroupsOwnershipResolver.create({
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
    });

  it('gives the user, their groups and every parent of those groups', async () => {
    const resolver = resolverOf([
      group('northwind'),
      group('engineering', 'northwind'),
      group('team-payments', 'engineering'),
      group('design'),
    ]);
    expect(
      await resolver.resolveOwnershipEntityRefs(
        user('team-payments', 'design'),
      ),
    ).toEqual({
      ownershipEntityRefs: [
        'user:default/mo',
        'group:default/team-payments',
        'group:default/design',
        'group:default/engineering',
        'group:default/northwind',
      ],
    });
  });

  it('stops at a loop in the org data, and at a parent the catalog does not have', async () => {
    const resolver = resolverOf([
      group('a', 'b'),
      group('b', 'a'),
      group('c', 'gone'),
    ]);
    expect(await resolver.resolveOwnershipEntityRefs(user('a', 'c'))).toEqual({
      ownershipEntityRefs: [
        'user:default/mo',
        'group:default/a',
        'group:default/c',
        'group:default/b',
        'group:default/gone',
      ],
    });
  });
});
