export interface Config {
  greenroom?: {
    publish?: {
      /**
       * The folder local repositories are created in, relative to the
       * backend's working directory (default `.data/repositories`). Nothing
       * is written outside it.
       */
      localRepositories?: string;
    };
  };
}
