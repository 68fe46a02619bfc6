import { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';
import { HumanDuration } from '@backstage/types';

export interface Config {
  techdocs?: {
    nodeGenerator?: {
      /**
       * Build sites with the in-process Node generator (default true). Set to
       * false to use TechDocs' MkDocs generator (techdocs.generator.runIn).
       */
      enabled?: boolean;
      /**
       * Environment variables that mkdocs.yml may read with the !ENV tag. No
       * others are read: the build runs inside the backend.
       */
      envAllowlist?: string[];
      /**
       * What one build may use. A build that reaches a limit stops at once
       * and fails with a message naming the limit; the reader shows it.
       */
      limits?: {
        /** Largest page: bytes of Markdown with its snippets included (default 2 MiB). */
        maxPageBytes?: number;
        /** Largest site: bytes of all its pages' Markdown with snippets included (default 200 MiB). */
        maxSiteBytes?: number;
        /** Most pages in one site (default 5000). */
        maxPages?: number;
        /**
         * Most bytes one build writes: pages, search index and copied files
         * (default 1 GiB). Every page carries the whole nav, as in MkDocs.
         */
        maxOutputBytes?: number;
        /** Longest build; its worker process is killed then (default 2 minutes). */
        timeout?: HumanDuration | string;
        /** Largest JavaScript heap of a build's worker process, in MB (default 512). */
        maxHeapMegabytes?: number;
        /** Builds that run at once, each in its own worker process (default 2). */
        concurrency?: number;
      };
      /**
       * Building documented entities' sites ahead of their first view, once
       * per change of their source (state kept in the techdocs database).
       */
      prebuild?: {
        /** Build sites ahead (default true); false leaves every build to the reader. */
        enabled?: boolean;
        /** Sites one instance builds at the same time (default 1). */
        concurrency?: number;
        /** Pause after each build at the least (default 100 ms). */
        pauseBetweenBuilds?: HumanDuration | string;
        /**
         * The share of the time each of the `concurrency` build loops may
         * work, between 0 (excluded) and 1 (default 0.05): after a build that
         * took 300 ms it pauses 5.7 s. Builds are background work; raise it to
         * work off a large backlog faster at the cost of the catalog's latency.
         */
        share?: number;
        /**
         * When the reconciliation runs, which lists the documented entities
         * and builds those with no or stale state (default every hour, once
         * across replicas).
         */
        schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      };
    };
  };
}
