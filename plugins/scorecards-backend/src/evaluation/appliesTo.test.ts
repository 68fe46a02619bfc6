import { Entity } from '@backstage/catalog-model';
import { appliesTo, ownerRef, systemRef } from './appliesTo';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'shop', tags: ['Go'] },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'team-a',
    system: 'cart',
  },
};

describe('appliesTo', () => {
  it('resolves owner and system refs in the entity namespace', () => {
    expect(ownerRef(entity)).toBe('group:shop/team-a');
    expect(systemRef(entity)).toBe('system:shop/cart');
    expect(ownerRef({ ...entity, spec: { owner: 42 } })).toBeUndefined();
  });

  it('matches every listed field, kinds, types and tags without regard to case', () => {
    expect(appliesTo({}, entity)).toBe(true);
    expect(
      appliesTo(
        { kind: ['component'], type: ['SERVICE'], tags: ['go'] },
        entity,
      ),
    ).toBe(true);
    expect(appliesTo({ owner: ['group:shop/team-a'] }, entity)).toBe(true);
    expect(appliesTo({ owner: ['team-a'] }, entity)).toBe(false); // default namespace
    expect(appliesTo({ lifecycle: ['experimental'] }, entity)).toBe(false);
    expect(appliesTo({ tags: ['rust'] }, entity)).toBe(false);
    expect(appliesTo({ owner: ['team-a'] }, { ...entity, spec: {} })).toBe(
      false,
    );
  });
});
