import { mockServices } from '@backstage/backend-test-utils';
import {
  RELATED_MAX_WAIT_MS,
  RELATED_QUIET_MS,
  RELATED_RETRY_MS,
  RelatedEntityQueue,
} from './RelatedEntityQueue';

describe('RelatedEntityQueue', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  /** A queue whose passes are recorded, and fail while `failing` is set. */
  function setUp() {
    const state = { failing: undefined as string | undefined };
    const passes: string[][] = [];
    const logger = mockServices.logger.mock();
    const queue = RelatedEntityQueue.create({
      logger,
      evaluate: async refs => {
        passes.push(refs);
        if (state.failing) throw new Error(state.failing);
      },
    });
    return { logger, passes, queue, state };
  }

  it('evaluates the refs of several batches once, when none was added for the quiet time', async () => {
    const { passes, queue } = setUp();

    queue.add(['group:default/a', 'system:default/s']);
    await jest.advanceTimersByTimeAsync(1000);
    queue.add(['group:default/a']);
    await jest.advanceTimersByTimeAsync(1000);
    queue.add(['group:default/a', 'api:default/x']);
    await jest.advanceTimersByTimeAsync(RELATED_QUIET_MS - 1);
    expect(passes).toEqual([]);

    await jest.advanceTimersByTimeAsync(1);
    expect(passes).toEqual([
      ['group:default/a', 'system:default/s', 'api:default/x'],
    ]);

    await jest.advanceTimersByTimeAsync(RELATED_MAX_WAIT_MS);
    expect(passes).toHaveLength(1);
  });

  it('evaluates the refs at most the max wait after the oldest was added, when batches never stop', async () => {
    const { passes, queue } = setUp();

    for (let s = 0; s < RELATED_MAX_WAIT_MS / 1000; s++) {
      queue.add([`group:default/g-${s}`]);
      await jest.advanceTimersByTimeAsync(1000);
    }

    expect(passes).toHaveLength(1);
    expect(passes[0]).toHaveLength(RELATED_MAX_WAIT_MS / 1000);
    // the next ones wait again, counted from the first added after the pass
    queue.add(['group:default/next']);
    await jest.advanceTimersByTimeAsync(1000);
    expect(passes).toHaveLength(1);
  });

  it('drops the refs evaluated from data read after they were queued, and keeps the ones queued since', async () => {
    const { passes, queue } = setUp();

    queue.add(['group:default/a', 'system:default/s', 'api:default/x']);
    const readAt = Date.now() + 1;
    await jest.advanceTimersByTimeAsync(1000);
    queue.add(['api:default/x']); // announced again after that read
    queue.evaluated(['group:default/a', 'api:default/x'], readAt);
    queue.evaluated(['system:default/s'], readAt - 1); // read as it was queued
    await jest.advanceTimersByTimeAsync(RELATED_QUIET_MS);
    expect(passes).toEqual([['system:default/s', 'api:default/x']]);

    // all of them evaluated: no pass, and no timer left
    queue.add(['group:default/b']);
    await jest.advanceTimersByTimeAsync(1);
    queue.evaluated(['group:default/b'], Date.now());
    expect(jest.getTimerCount()).toBe(0);
    await jest.advanceTimersByTimeAsync(RELATED_MAX_WAIT_MS);
    expect(passes).toHaveLength(1);
  });

  it('keeps the refs of a failed pass, tries them again after the retry delay, and warns once', async () => {
    const { logger, passes, queue, state } = setUp();
    state.failing = 'catalog answered 503';

    queue.add(['group:default/a']);
    await jest.advanceTimersByTimeAsync(RELATED_QUIET_MS);
    expect(passes).toEqual([['group:default/a']]);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        'could not evaluate 1 entity related to changed ones, trying again in 60 s: Error: catalog answered 503',
      ),
    );

    // added meanwhile: still not before the retry delay
    queue.add(['group:default/b']);
    await jest.advanceTimersByTimeAsync(RELATED_RETRY_MS - 1);
    expect(passes).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(passes[1]).toEqual(['group:default/a', 'group:default/b']);
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect(logger.debug).toHaveBeenCalledTimes(1);

    state.failing = undefined;
    await jest.advanceTimersByTimeAsync(RELATED_RETRY_MS);
    expect(passes[2]).toEqual(['group:default/a', 'group:default/b']);
    await jest.advanceTimersByTimeAsync(RELATED_MAX_WAIT_MS);
    expect(passes).toHaveLength(3);
  });

  it('evaluates nothing after close, and leaves no timer', async () => {
    const { passes, queue } = setUp();
    queue.add(['group:default/a']);
    await queue.close();
    queue.add(['group:default/b']);

    await jest.advanceTimersByTimeAsync(RELATED_MAX_WAIT_MS);

    expect(passes).toEqual([]);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('waits in close for a pass that is running', async () => {
    let finish = () => {};
    const queue = RelatedEntityQueue.create({
      logger: mockServices.logger.mock(),
      evaluate: () => new Promise<void>(resolve => (finish = resolve)),
    });
    queue.add(['group:default/a']);
    await jest.advanceTimersByTimeAsync(RELATED_QUIET_MS);

    let closed = false;
    const closing = queue.close().then(() => (closed = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(closed).toBe(false);

    finish();
    await closing;
    expect(closed).toBe(true);
  });
});
