import {
  coreServices,
  createServiceFactory,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';

/** What one backend instance's scheduler did, as {@link countingScheduler} records it. */
export interface SchedulerCounts {
  /** The ids of the tasks this instance scheduled. */
  scheduled: string[];
  /** Per task id, how many runs this instance started. */
  started: Map<string, number>;
  /** Per task id, how many runs this instance finished. */
  finished: Map<string, number>;
  /** Every run this instance made, in the order they started. */
  runs?: Array<{ id: string; startedAt: number; endedAt?: number }>;
}

const increment = (counts: Map<string, number>, id: string) =>
  counts.set(id, (counts.get(id) ?? 0) + 1);

/**
 * Backstage's real scheduler (the database-backed default) for one backend
 * instance, wrapped to count the runs that this instance makes of each task,
 * so that a test can tell which instance ran what.
 */
export function countingScheduler(counts: SchedulerCounts) {
  return createServiceFactory({
    service: coreServices.scheduler,
    deps: {
      database: coreServices.database,
      logger: coreServices.logger,
      rootLifecycle: coreServices.rootLifecycle,
      httpRouter: coreServices.httpRouter,
      pluginMetadata: coreServices.pluginMetadata,
      metrics: metricsServiceRef,
    },
    factory(deps): SchedulerService {
      const scheduler = DefaultSchedulerService.create(deps);
      const counting: SchedulerService = {
        triggerTask: id => scheduler.triggerTask(id),
        cancelTask: id => scheduler.cancelTask(id),
        getScheduledTasks: () => scheduler.getScheduledTasks(),
        createScheduledTaskRunner: schedule => ({
          run: task => counting.scheduleTask({ ...task, ...schedule }),
        }),
        scheduleTask: task => {
          counts.scheduled.push(task.id);
          return scheduler.scheduleTask({
            ...task,
            fn: async signal => {
              increment(counts.started, task.id);
              const run: { id: string; startedAt: number; endedAt?: number } = {
                id: task.id,
                startedAt: Date.now(),
              };
              counts.runs?.push(run);
              try {
                await task.fn(signal);
              } finally {
                run.endedAt = Date.now();
              }
              increment(counts.finished, task.id);
            },
          });
        },
      };
      return counting;
    },
  });
}
