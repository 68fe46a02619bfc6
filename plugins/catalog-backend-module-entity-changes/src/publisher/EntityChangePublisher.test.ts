import { mockServices } from '@backstage/backend-test-utils';
import { EventParams, EventsService } from '@backstage/plugin-events-node';
import { CATALOG_ENTITY_CHANGES_TOPIC } from '@internal/plugin-catalog-entity-changes-node';
import { EntityChangePublisher } from './EntityChangePublisher';

describe('EntityChangePublisher', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
  });

  function setUp(
    publish: (params: EventParams) => Promise<void> = async () => {},
  ) {
    const published: { at: number; entityRefs: string[] }[] = [];
    const events: EventsService = {
      async publish(params) {
        expect(params.topic).toBe(CATALOG_ENTITY_CHANGES_TOPIC);
        await publish(params);
        published.push({
          at: Date.now(),
          entityRefs: (params.eventPayload as { entityRefs: string[] })
            .entityRefs,
        });
      },
      async subscribe() {},
    };
    const logger = mockServices.logger.mock();
    const publisher = EntityChangePublisher.create({ events, logger });
    return { logger, published, publisher };
  }

  it('publishes what was queued at most once a second, each ref once', async () => {
    const { published, publisher } = setUp();
    const start = Date.now();

    publisher.add('component:default/a');
    publisher.add('component:default/b');
    publisher.add('component:default/a');
    await jest.advanceTimersByTimeAsync(300);
    publisher.add('component:default/c');
    await jest.advanceTimersByTimeAsync(300);
    publisher.add('component:default/d');
    await jest.advanceTimersByTimeAsync(5_000);

    expect(published).toEqual([
      { at: start, entityRefs: ['component:default/a', 'component:default/b'] },
      {
        at: start + 1000,
        entityRefs: ['component:default/c', 'component:default/d'],
      },
    ]);
  });

  it('splits a round into events of at most 500 refs', async () => {
    const { published, publisher } = setUp();
    const refs = Array.from(
      { length: 1001 },
      (_, i) => `component:default/c${i}`,
    );

    refs.forEach(ref => publisher.add(ref));
    await jest.advanceTimersByTimeAsync(0);

    expect(published.map(event => event.entityRefs.length)).toEqual([
      500, 500, 1,
    ]);
    expect(published.flatMap(event => event.entityRefs)).toEqual(refs);
  });

  it('logs failing publishes once, and once when they work again', async () => {
    let failing = true;
    const { logger, published, publisher } = setUp(async () => {
      if (failing) {
        throw new Error('events backend unreachable');
      }
    });

    for (let i = 0; i < 5; i++) {
      publisher.add(`component:default/c${i}`);
      await jest.advanceTimersByTimeAsync(1000);
    }
    failing = false;
    publisher.add('component:default/after');
    await jest.advanceTimersByTimeAsync(1000);

    expect(published).toEqual([
      { at: expect.any(Number), entityRefs: ['component:default/after'] },
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('events backend unreachable'),
    );
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('5 changed entities were not announced'),
    );
  });

  it('publishes what is queued when it is closed, and nothing after', async () => {
    const { published, publisher } = setUp();

    publisher.add('component:default/a');
    await jest.advanceTimersByTimeAsync(0);
    publisher.add('component:default/b');
    await publisher.close();
    publisher.add('component:default/c');
    await jest.advanceTimersByTimeAsync(5_000);

    expect(published.map(event => event.entityRefs)).toEqual([
      ['component:default/a'],
      ['component:default/b'],
    ]);
  });
});
