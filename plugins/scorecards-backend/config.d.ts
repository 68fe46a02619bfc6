import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  scorecards?: {
    /**
     * Scorecard definition files, or folders whose *.yaml files are read,
     * relative to the backend's working directory. Reloaded when they change.
     */
    definitions?: string[];
    /**
     * When every entity is evaluated, the safety net beside the catalog's
     * change feed (default: every hour, the first run a minute after the
     * first start; once across all replicas).
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
