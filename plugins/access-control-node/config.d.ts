export interface Config {
  greenroom?: {
    accessControl?: {
      /**
       * What each plugin may do on its own behalf (not for a user whose
       * request it forwards) in other plugins, besides reading: permission
       * names per calling plugin id, e.g. `scaffolder:
       * [catalog.location.create]`. Any other permission whose action is not
       * `read` is denied to it, and the denial logged once.
       */
      services?: { [pluginId: string]: string[] };
    };
  };
}
