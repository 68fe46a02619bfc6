import { mockServices } from '@backstage/backend-test-utils';
import { DefaultEventsService } from '@backstage/plugin-events-node';
import { CatalogEntityChanges } from './CatalogEntityChanges';
import { CATALOG_ENTITY_CHANGES_TOPIC } from './topic';

type Handler = Parameters<CatalogEntityChanges['subscribe']>[0];

describe('CatalogEntityChanges', () => {
  let changes: CatalogEntityChanges | undefined;

  beforeEach(() => {
    jest.useFakeTimers();
  });

  afterEach(() => {
    changes?.close();
    changes = undefined;
    jest.useRealTimers();
  });

  /** A real in-process events service; the feed subscribes to it. */
  async function subscribe(handler: Handler, settleMs = 2000) {
    const logger = mockServices.logger.mock();
    const events = DefaultEventsService.create({ logger });
    changes = CatalogEntityChanges.create({
      events,
      logger,
      subscriberId: 'test',
      settleMs,
    });
    await changes.subscribe(handler);
    const announce = (entityRefs: unknown) =>
      events.publish({
        topic: CATALOG_ENTITY_CHANGES_TOPIC,
        eventPayload: { entityRefs },
      });
    return { announce, logger };
  }

  /** Records every call and answers with what `answer` says. */
  function recordingHandler(
    answer: (
      refs: string[],
    ) => Promise<void | { retry?: string[] }> = async () => {},
  ) {
    const calls: { at: number; refs: string[] }[] = [];
    const handler: Handler = async refs => {
      calls.push({ at: Date.now(), refs });
      return answer(refs);
    };
    return { calls, handler };
  }

  it('delivers one deduplicated batch after the settle time', async () => {
    const { calls, handler } = recordingHandler();
    const { announce } = await subscribe(handler);
    const start = Date.now();

    await announce(['component:default/a', 'component:default/b']);
    await jest.advanceTimersByTimeAsync(500);
    await announce(['component:default/a']);

    await jest.advanceTimersByTimeAsync(1999);
    expect(calls).toEqual([
      { at: start + 2000, refs: ['component:default/b'] },
    ]);
    await jest.advanceTimersByTimeAsync(1);
    expect(calls[1]).toEqual({
      at: start + 2500,
      refs: ['component:default/a'],
    });
    await jest.advanceTimersByTimeAsync(60_000);
    expect(calls).toHaveLength(2);
  });

  it('splits more than 500 refs into batches, one call at a time', async () => {
    let running = 0;
    let overlapped = false;
    const { calls, handler } = recordingHandler(async () => {
      running += 1;
      overlapped ||= running > 1;
      await new Promise(resolve => setTimeout(resolve, 100));
      running -= 1;
    });
    const { announce } = await subscribe(handler, 0);
    const refs = Array.from(
      { length: 1200 },
      (_, i) => `component:default/c${i}`,
    );

    await announce(refs);
    await jest.advanceTimersByTimeAsync(50);
    await announce(['component:default/late']); // while the first batch runs
    await jest.advanceTimersByTimeAsync(1000);

    expect(calls.map(call => call.refs.length)).toEqual([500, 500, 201]);
    expect(calls.flatMap(call => call.refs)).toEqual([
      ...refs,
      'component:default/late',
    ]);
    expect(overlapped).toBe(false);
  });

  it('retries the refs the handler returns after 5 s, 15 s, 45 s, 2 min and 5 min, then drops them', async () => {
    const { calls, handler } = recordingHandler(async refs => ({
      retry: refs.filter(ref => ref.endsWith('/late')),
    }));
    const { announce } = await subscribe(handler, 0);
    const start = Date.now();

    await announce(['component:default/late', 'component:default/ok']);
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect(calls).toEqual([
      { at: start, refs: ['component:default/late', 'component:default/ok'] },
      { at: start + 5_000, refs: ['component:default/late'] },
      { at: start + 20_000, refs: ['component:default/late'] },
      { at: start + 65_000, refs: ['component:default/late'] },
      { at: start + 185_000, refs: ['component:default/late'] },
      { at: start + 485_000, refs: ['component:default/late'] },
    ]);
  });

  it('restarts the retries of a ref that is announced again', async () => {
    const { calls, handler } = recordingHandler(async refs => ({
      retry: refs,
    }));
    const { announce } = await subscribe(handler, 0);
    const start = Date.now();

    await announce(['component:default/a']);
    await jest.advanceTimersByTimeAsync(3_000);
    await announce(['component:default/a']);
    await jest.advanceTimersByTimeAsync(10 * 60_000);

    expect(calls.map(call => call.at - start)).toEqual([
      0, 3_000, 8_000, 23_000, 68_000, 188_000, 488_000,
    ]);
  });

  it('keeps the batch while the handler throws, backs off up to 60 s and logs once each way', async () => {
    let unreachable = true;
    const { calls, handler } = recordingHandler(async () => {
      if (unreachable) {
        throw new Error('catalog unreachable');
      }
    });
    const { announce, logger } = await subscribe(handler, 0);
    const start = Date.now();

    await announce(['component:default/a']);
    await jest.advanceTimersByTimeAsync(200_000);
    await announce(['component:default/b']);
    unreachable = false;
    await jest.advanceTimersByTimeAsync(60_000);

    // 5 s doubling: 5, 10, 20, 40, then 60 s apart
    expect(calls.map(call => call.at - start)).toEqual([
      0, 5_000, 15_000, 35_000, 75_000, 135_000, 195_000, 255_000,
    ]);
    expect(calls[calls.length - 1].refs).toEqual([
      'component:default/a',
      'component:default/b',
    ]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining('catalog unreachable'),
    );
    expect(logger.info).toHaveBeenCalledTimes(1);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('after 7 failed attempts'),
    );
  });

  it('ignores a malformed event, warning once', async () => {
    const { calls, handler } = recordingHandler();
    const { announce, logger } = await subscribe(handler, 0);

    await announce('component:default/a');
    await announce([42]);
    await announce(['component:default/b']);
    await jest.advanceTimersByTimeAsync(1000);

    expect(calls.map(call => call.refs)).toEqual([['component:default/b']]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
  });

  it('delivers nothing after close', async () => {
    const { calls, handler } = recordingHandler();
    const { announce } = await subscribe(handler);

    await announce(['component:default/a']);
    changes!.close();
    await announce(['component:default/b']);
    await jest.advanceTimersByTimeAsync(60_000);

    expect(calls).toEqual([]);
  });

  it('refuses a bad settle time', () => {
    expect(() =>
      CatalogEntityChanges.create({
        events: DefaultEventsService.create({
          logger: mockServices.logger.mock(),
        }),
        logger: mockServices.logger.mock(),
        subscriberId: 'test',
        settleMs: -1,
      }),
    ).toThrow('settleMs must be a finite number of milliseconds ≥ 0, got -1');
  });

  describe('whenQuiet', () => {
    it('resolves once nothing was announced for the quiet time', async () => {
      await subscribe(recordingHandler().handler).then(async ({ announce }) => {
        const start = Date.now();
        await announce(['component:default/a']);
        let resolvedAt: number | undefined;
        let quiet: boolean | undefined;
        void changes!
          .whenQuiet({ quietMs: 10_000, maxWaitMs: 60_000 })
          .then(result => {
            resolvedAt = Date.now();
            quiet = result;
          });
        await jest.advanceTimersByTimeAsync(6_000);
        await announce(['component:default/b']);
        await jest.advanceTimersByTimeAsync(9_999);
        expect(resolvedAt).toBeUndefined();
        await jest.advanceTimersByTimeAsync(1);
        expect(resolvedAt).toBe(start + 16_000);
        expect(quiet).toBe(true);
      });
    });

    it('resolves at once when nothing was announced lately', async () => {
      await subscribe(recordingHandler().handler);
      const start = Date.now();
      expect(
        await changes!.whenQuiet({ quietMs: 10_000, maxWaitMs: 60_000 }),
      ).toBe(true);
      expect(Date.now()).toBe(start);
    });

    it('resolves false after the max wait when changes never stop', async () => {
      const { announce } = await subscribe(recordingHandler().handler);
      const start = Date.now();
      let resolvedAt: number | undefined;
      let quiet: boolean | undefined;
      await announce(['component:default/a']);
      void changes!
        .whenQuiet({ quietMs: 10_000, maxWaitMs: 30_000 })
        .then(result => {
          resolvedAt = Date.now();
          quiet = result;
        });
      for (let i = 0; i < 40 && resolvedAt === undefined; i++) {
        await jest.advanceTimersByTimeAsync(1_000);
        await announce([`component:default/c${i}`]);
      }
      expect(resolvedAt).toBe(start + 30_000);
      expect(quiet).toBe(false);
    });
  });
});
