import { ScmIntegrations } from '@backstage/integration';
import { ConfigReader } from '@backstage/config';
import { LocationEntityV1alpha1 } from '@backstage/catalog-model';
import { IsolatedLocationTargetsProcessor } from './IsolatedLocationTargetsProcessor';

const processor = new IsolatedLocationTargetsProcessor(
  ScmIntegrations.fromConfig(new ConfigReader({})),
);

function locationEntity(spec: LocationEntityV1alpha1['spec']) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Location',
    metadata: {
      name: 'demo',
      // as the catalog sets them on every entity it reads
      annotations: {
        'backstage.io/managed-by-location': 'file:/repo/app-config.yaml',
        'backstage.io/managed-by-origin-location': 'file:/repo/app-config.yaml',
      },
    },
    spec,
  } as LocationEntityV1alpha1;
}

describe('IsolatedLocationTargetsProcessor', () => {
  it('emits one child location per file target, resolved against the file', async () => {
    const emit = jest.fn();
    const result = await processor.preProcessEntity(
      locationEntity({
        type: 'file',
        targets: ['./org.yaml', '../apis/a.yaml'],
      }),
      { type: 'file', target: '/repo/demo/catalog.yaml' },
      emit,
    );

    const emitted = emit.mock.calls.map(([r]) => r);
    expect(
      emitted.map(r => [r.type, r.location, r.entity.kind, r.entity.spec]),
    ).toEqual([
      [
        'entity',
        { type: 'file', target: '/repo/demo/org.yaml' },
        'Location',
        { type: 'file', target: '/repo/demo/org.yaml' },
      ],
      [
        'entity',
        { type: 'file', target: '/repo/apis/a.yaml' },
        'Location',
        { type: 'file', target: '/repo/apis/a.yaml' },
      ],
    ]);
    expect(result.spec).toEqual({ type: 'file' });
  });

  it('resolves url targets against the location url', async () => {
    const emit = jest.fn();
    await processor.preProcessEntity(
      locationEntity({
        type: 'url',
        targets: ['./b.yaml'],
        presence: 'optional',
      }),
      { type: 'url', target: 'https://git.example.com/org/repo/catalog.yaml' },
      emit,
    );
    const child = {
      type: 'url',
      target: 'https://git.example.com/org/repo/b.yaml',
      presence: 'optional',
    };
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({
        type: 'entity',
        location: child,
        entity: expect.objectContaining({ spec: child }),
      }),
    );
  });

  it('leaves single-target locations and other kinds alone', async () => {
    const emit = jest.fn();
    const single = locationEntity({ type: 'file', target: './a.yaml' });
    const component = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'a' },
      spec: { targets: ['x'] },
    };
    const at = { type: 'file', target: '/repo/catalog.yaml' };

    await expect(processor.preProcessEntity(single, at, emit)).resolves.toBe(
      single,
    );
    await expect(processor.preProcessEntity(component, at, emit)).resolves.toBe(
      component,
    );
    expect(emit).not.toHaveBeenCalled();
  });
});
