import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { CatalogFactProvider } from './CatalogFactProvider';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'svc',
    namespace: 'default',
    title: 'Service',
    description: 'Does things',
    tags: ['go'],
    annotations: { 'backstage.io/techdocs-ref': 'dir:.' },
    links: [
      { url: 'https://wiki/runbooks/svc', title: 'Runbook' },
      { url: 'https://oncall/svc', title: 'Pager', type: 'on-call' },
    ],
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    system: 'shop',
  },
  relations: [
    { type: 'ownedBy', targetRef: 'group:default/team-a' },
    { type: 'partOf', targetRef: 'system:default/shop' },
    { type: 'providesApi', targetRef: 'api:default/svc-api' },
    { type: 'dependsOn', targetRef: 'resource:default/missing-db' },
  ],
};

describe('CatalogFactProvider', () => {
  it("reads the entity's facts and resolves its owner, system and relations in the catalog", async () => {
    const catalog = catalogServiceMock({
      entities: [
        service,
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'team-a', namespace: 'default' },
          spec: { type: 'team', children: [] },
          relations: [{ type: 'hasMember', targetRef: 'user:default/ann' }],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'System',
          metadata: { name: 'shop', namespace: 'default' },
          spec: { owner: 'team-a' },
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'API',
          metadata: { name: 'svc-api', namespace: 'default' },
          spec: {
            type: 'openapi',
            owner: 'team-a',
            lifecycle: 'production',
            definition: '',
          },
        },
      ],
    });
    const facts = await new CatalogFactProvider(
      catalog,
      mockServices.auth(),
    ).getFacts([service]);
    expect(facts.get('component:default/svc')).toEqual({
      kind: 'Component',
      type: 'service',
      hasTitle: true,
      hasDescription: true,
      descriptionLength: 11,
      hasOwner: true,
      ownerExists: true,
      ownerIsGroup: true,
      ownerHasMembers: true,
      lifecycle: 'production',
      hasSystem: true,
      systemExists: true,
      tags: ['go'],
      tagCount: 1,
      linkCount: 2,
      hasRunbook: true,
      hasOnCall: true,
      hasDashboard: false,
      hasTechdocs: true,
      hasSourceLocation: false,
      providedApiCount: 1,
      relationsResolve: false,
      unresolvedRelations: ['resource:default/missing-db'],
    });
  });
});
