import { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { LevelDrop } from '../database/ScorecardsStore';
import { ScorecardDefinitions } from '../definitions/ScorecardDefinitions';

/** Tells an entity's owners, through portal notifications, that it dropped a level. */
export function notifyLevelDrops(deps: {
  notifications: NotificationService;
  definitions: ScorecardDefinitions;
  logger: LoggerService;
}) {
  return async (drops: LevelDrop[]) => {
    for (const drop of drops) {
      if (!drop.ownerRef) continue;
      const scorecard = deps.definitions.get(drop.scorecardId);
      const title = (id: string | null) =>
        (id && scorecard?.levels.find(l => l.id === id)?.title) ??
        id ??
        'no level';
      const { kind, namespace, name } = parseEntityRef(drop.entityRef);
      try {
        await deps.notifications.send({
          recipients: { type: 'entity', entityRef: drop.ownerRef },
          payload: {
            title: `${name} dropped from ${title(drop.from)} to ${title(
              drop.to,
            )} on ${scorecard?.title ?? drop.scorecardId}`,
            description:
              'Open its Scorecards tab to see which checks fail and how to fix them.',
            link: `/catalog/${namespace}/${kind.toLocaleLowerCase(
              'en-US',
            )}/${name}/scorecards`,
            severity: 'normal',
            topic: `scorecards:${drop.scorecardId}`,
            scope: `scorecards:${drop.entityRef}:${drop.scorecardId}`,
          },
        });
      } catch (e) {
        deps.logger.warn(
          `Scorecards: could not notify ${drop.ownerRef} of ${
            drop.entityRef
          }'s drop: ${(e as Error).message}`,
        );
      }
    }
  };
}
