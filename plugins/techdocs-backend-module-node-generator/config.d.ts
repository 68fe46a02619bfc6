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
      /** Largest Markdown page in bytes (default 2 MiB). */
      maxPageBytes?: number;
    };
  };
}
