import { ReactNode } from 'react';
import { renderHook, waitFor } from '@testing-library/react';
import { TestApiProvider } from '@backstage/frontend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  catalogGraphApiRef,
  DefaultCatalogGraphApi,
} from '@backstage/plugin-catalog-graph';
import { GraphRequest, useGraphBounds } from './useGraphBounds';

/**
 * hub -hasPart-> 3 parts -dependsOn-> a store each -dependencyOf-> 2 users
 * each; the parts are owned by a group that does not exist.
 */
function entity(kind: string, name: string, relations: [string, string][]) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  } as Entity;
}
const HUB = 'system:default/hub';
const entities: Entity[] = [
  entity(
    'System',
    'hub',
    [0, 1, 2].map(i => ['hasPart', `component:default/part-${i}`]),
  ),
];
for (const i of [0, 1, 2]) {
  entities.push(
    entity('Component', `part-${i}`, [
      ['partOf', HUB],
      ['ownedBy', 'group:default/missing-team'],
      ['dependsOn', `resource:default/store-${i}`],
    ]),
    entity('Resource', `store-${i}`, [
      ['dependencyOf', `component:default/part-${i}`],
      ['dependencyOf', `component:default/user-${i}-a`],
      ['dependencyOf', `component:default/user-${i}-b`],
    ]),
    entity('Component', `user-${i}-a`, [
      ['dependsOn', `resource:default/store-${i}`],
    ]),
    entity('Component', `user-${i}-b`, [
      ['dependsOn', `resource:default/store-${i}`],
    ]),
  );
}

function walk(request: Partial<GraphRequest>) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <TestApiProvider
      apis={[
        [catalogApiRef, catalogApiMock({ entities })],
        [catalogGraphApiRef, new DefaultCatalogGraphApi()],
      ]}
    >
      {children}
    </TestApiProvider>
  );
  return renderHook(
    () =>
      useGraphBounds({
        rootEntityRefs: [HUB],
        maxDepth: Number.POSITIVE_INFINITY,
        nodeLimit: 100,
        ...request,
      }),
    { wrapper },
  );
}

async function boundsOf(request: Partial<GraphRequest>) {
  const { result } = walk(request);
  await waitFor(() => expect(result.current.bounds).toBeDefined());
  const { shown, ...rest } = result.current.bounds!;
  return { shown: [...shown].sort(), ...rest };
}

describe('useGraphBounds', () => {
  it('stops at the depth, and counts the existing entities one level further', async () => {
    expect(await boundsOf({ maxDepth: 2 })).toEqual({
      shown: [
        'component:default/part-0',
        'component:default/part-1',
        'component:default/part-2',
        'resource:default/store-0',
        'resource:default/store-1',
        'resource:default/store-2',
        HUB,
      ],
      limitedBy: 'depth',
      found: 13,
    });
  });

  it('shows the nearest entities up to the node limit, and counts the ones left out', async () => {
    expect(await boundsOf({ nodeLimit: 5 })).toEqual({
      shown: [
        'component:default/part-0',
        'component:default/part-1',
        'component:default/part-2',
        'resource:default/store-0',
        HUB,
      ],
      limitedBy: 'nodes',
      found: 7,
    });
  });

  it('says nothing is left out when the whole graph fits', async () => {
    const bounds = await boundsOf({});
    expect(bounds.shown).toHaveLength(13);
    expect(bounds.limitedBy).toBeUndefined();
    expect(bounds.found).toBe(13);
  });

  it('follows only the selected kinds and relations, as the stock page does', async () => {
    expect(await boundsOf({ kinds: ['component'] })).toEqual({
      shown: [
        'component:default/part-0',
        'component:default/part-1',
        'component:default/part-2',
        HUB,
      ],
      found: 4,
    });
    expect(
      (await boundsOf({ relations: ['hasPart', 'dependsOn'] })).shown,
    ).toHaveLength(7);
  });
});
