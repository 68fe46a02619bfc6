export interface Config {
  greenroom?: {
    /** Where the golden-path templates publish new repositories. */
    publish?: {
      /**
       * `local` (default): a git repository on the portal's own disk, under
       * `greenroom.publish.localRepositories` (declared by
       * `@internal/plugin-local-repositories-node`). `github`: a repository
       * in `githubOrganization`, through the GitHub integration.
       */
      target?: 'local' | 'github';
      /**
       * The GitHub organization (or user) new repositories are created in;
       * required when `target` is `github`.
       */
      githubOrganization?: string;
    };
  };
}
