export interface Config {
  greenroom?: {
    /**
     * Who sees the setup page: entity refs of users and groups, e.g.
     * `user:default/alice` or `group:default/platform-team`. A user is an
     * admin when listed or when a member of a listed group. Set from
     * GREENROOM_ADMINS in production.
     */
    admins?: string[];
  };
}
