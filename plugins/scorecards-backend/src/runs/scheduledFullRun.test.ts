import { mockServices } from '@backstage/backend-test-utils';
import { scheduledFullRun } from './scheduledFullRun';

describe('scheduledFullRun', () => {
  const turn = async (quiet: boolean, requested: boolean) => {
    const service = {
      fullRunRequested: jest.fn(async () => requested),
      runFullRun: jest.fn(async () => ({} as any)),
    };
    const logger = mockServices.logger.mock();
    await scheduledFullRun({
      changes: { whenQuiet: async () => quiet },
      service,
      logger,
      signal: new AbortController().signal,
    });
    return { ran: service.runFullRun.mock.calls.length > 0, logger };
  };

  it('runs once the change feed is quiet', async () => {
    expect((await turn(true, false)).ran).toBe(true);
  });

  it('skips its turn, saying why, while the catalog is still ingesting', async () => {
    const { ran, logger } = await turn(false, false);
    expect(ran).toBe(false);
    expect(logger.info).toHaveBeenCalledWith(
      expect.stringContaining('the catalog is still ingesting'),
    );
  });

  it('runs a full run someone asked for, ingestion or not', async () => {
    expect((await turn(false, true)).ran).toBe(true);
  });
});
