import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  catalog?: {
    providers?: {
      /** The services of the inventory, put in the catalog as components. */
      inventory?: {
        /** One component each. */
        services: Array<{
          /** The component's name, e.g. billing-service. */
          name: string;
          /** Its owning group, e.g. team-payments. */
          owner: string;
          /** One sentence: what it does. */
          description?: string;
          /** Default production. */
          lifecycle?: string;
        }>;
        /** How often the inventory is read again (default every 30 minutes). */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
