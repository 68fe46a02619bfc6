import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  scorecards?: {
    /**
     * Scorecard definition files, or folders whose *.yaml files are read,
     * relative to the backend's working directory. Reloaded when they change.
     */
    definitions?: string[];
    /** When every entity is evaluated (default: every hour, across all replicas once). */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
  };
}
