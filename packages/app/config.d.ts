export interface Config {
  greenroom?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page, in this order: `guest`
       * (development only, the backend refuses it in production), `oidc`,
       * `github`, `microsoft`, `gitlab`. In production the backend sets this
       * from the environment (the AUTH_* variables).
       * @visibility frontend
       */
      providers?: string[];
      oidc?: {
        /**
         * The name of the OpenID Connect sign-in on the sign-in page
         * (AUTH_OIDC_TITLE), "Single sign-on" by default.
         * @visibility frontend
         */
        title?: string;
      };
    };
  };
}
