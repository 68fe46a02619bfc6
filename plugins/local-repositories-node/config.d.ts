export interface Config {
  greenroom?: {
    /** Where the golden-path templates publish new repositories. */
    publish?: {
      /**
       * `local` (default): a git repository on the portal's own disk, under
       * `localRepositories`. `github`: a repository in `github.organization`,
       * through the GitHub integration.
       */
      target?: 'local' | 'github';
      /**
       * The folder local repositories are created in, relative to the
       * backend's working directory. Nothing is written outside it.
       */
      localRepositories?: string;
      /** The GitHub organization (or user) new repositories are created in. */
      githubOrganization?: string;
    };
  };
}
