export interface Config {
  greenroom?: {
    accessControl?: {
      /**
       * The policy file: the roles and what each allows, kept in the
       * repository and reviewed like code. Relative to the backend's working
       * directory; reloaded when it changes.
       */
      policyFile: string;
      /**
       * Users and groups holding each role, besides the members the policy
       * file lists (entity refs: user:default/alice, group:default/platform).
       * A group's members hold the role, and so do the members of its child
       * groups.
       */
      members?: { [role: string]: string[] };
    };
  };
}
