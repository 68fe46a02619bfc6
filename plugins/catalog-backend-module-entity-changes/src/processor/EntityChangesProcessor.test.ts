import { Entity } from '@backstage/catalog-model';
import { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import { EntityChangesProcessor } from './EntityChangesProcessor';

/**
 * The per-entity cache the catalog hands this processor, kept between runs
 * the way the catalog keeps it (in refresh_state) after a successful run.
 */
class PersistedCache implements CatalogProcessorCache {
  stored: Record<string, unknown> = {};

  async get<T>(key: string) {
    return this.stored[key] as T | undefined;
  }

  async set(key: string, value: unknown) {
    this.stored = { ...this.stored, [key]: value };
  }
}

const location = {
  type: 'url',
  target: 'https://example.com/catalog-info.yaml',
};

const component = (owner: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner },
});

describe('EntityChangesProcessor', () => {
  function setUp() {
    const added: string[] = [];
    const processor = EntityChangesProcessor.create({
      sink: { add: ref => added.push(ref) },
    });
    const cache = new PersistedCache();
    const processEntity = (entity: Entity) =>
      processor.postProcessEntity(entity, location, () => {}, cache);
    return { added, cache, processEntity };
  }

  it('announces an entity the first time and not when it is processed again unchanged', async () => {
    const { added, processEntity } = setUp();

    await processEntity(component('team-a'));
    await processEntity(component('team-a'));

    expect(added).toEqual(['component:default/svc']);
  });

  it('announces the entity again when it changes', async () => {
    const { added, processEntity } = setUp();

    await processEntity(component('team-a'));
    await processEntity(component('team-b'));
    await processEntity(component('team-b'));

    expect(added).toEqual(['component:default/svc', 'component:default/svc']);
  });

  it('keeps the hash in its cache, so a new instance (a restart, a replica) announces nothing', async () => {
    const { cache, processEntity } = setUp();
    await processEntity(component('team-a'));
    expect(cache.stored).toEqual({
      hash: expect.stringMatching(/^[\w-]{43}$/),
    });

    const restarted: string[] = [];
    await EntityChangesProcessor.create({
      sink: { add: ref => restarted.push(ref) },
    }).postProcessEntity(component('team-a'), location, () => {}, cache);

    expect(restarted).toEqual([]);
  });

  it('announces an entity whose processing keeps failing once, though the catalog keeps no hash for it', async () => {
    const added: string[] = [];
    const processor = EntityChangesProcessor.create({
      sink: { add: ref => added.push(ref) },
    });
    // the catalog drops what a failed run wrote to the cache: each run starts
    // from the same empty cache
    const failedRun = (entity: Entity) =>
      processor.postProcessEntity(
        entity,
        location,
        () => {},
        new PersistedCache(),
      );

    await failedRun(component('team-a'));
    await failedRun(component('team-a'));
    await failedRun(component('team-b'));
    await failedRun(component('team-b'));

    expect(added).toEqual(['component:default/svc', 'component:default/svc']);
  });

  it('ignores what the catalog assigns (uid, etag)', async () => {
    const { added, processEntity } = setUp();
    const first = component('team-a');
    const second = component('team-a');
    second.metadata.uid = 'a-uid';
    second.metadata.etag = 'an-etag';

    await processEntity(first);
    await processEntity(second);

    expect(added).toEqual(['component:default/svc']);
  });

  it('returns the entity as it received it', async () => {
    const { processEntity } = setUp();
    const entity = component('team-a');

    await expect(processEntity(entity)).resolves.toBe(entity);
  });
});
