/**
 * Polls `condition` until it is true, failing after `timeoutMs` with a
 * message that says what was awaited (a function is called then, so the
 * message can show the state that was last seen).
 *
 * @param condition - the exact state the test then reads
 * @param options - `timeoutMs`, `what` it waits for, and `intervalMs` between polls (250 ms)
 */
export async function waitUntil(
  condition: () => Promise<boolean>,
  options: {
    timeoutMs: number;
    what: string | (() => string);
    intervalMs?: number;
  },
): Promise<void> {
  const { timeoutMs, what, intervalMs = 250 } = options;
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(
        `Timed out after ${timeoutMs} ms waiting for ${
          typeof what === 'function' ? what() : what
        }`,
      );
    }
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
