import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogEntityChanges } from '@internal/plugin-catalog-entity-changes-node';
import { ScorecardsService } from '../service/ScorecardsService';

/**
 * One turn of the hourly full-run task: behind the catalog's own work. It
 * waits for the change feed to be quiet; when the catalog is still ingesting
 * after the wait, the turn is skipped unless someone asked for a full run
 * (the feed evaluates what the ingestion changes).
 */
export async function scheduledFullRun(options: {
  changes: Pick<CatalogEntityChanges, 'whenQuiet'>;
  service: Pick<ScorecardsService, 'fullRunRequested' | 'runFullRun'>;
  logger: LoggerService;
  signal: AbortSignal;
}): Promise<void> {
  const { changes, service, logger, signal } = options;
  const quiet = await changes.whenQuiet({ signal });
  signal.throwIfAborted();
  if (!quiet && !(await service.fullRunRequested())) {
    logger.info(
      'Scorecards: the hourly full run skips its turn: the catalog is still ingesting, and the change feed evaluates what it changes',
    );
    return;
  }
  await service.runFullRun();
}
