export interface Config {
  greenroom?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page: `guest` (development
       * only, the backend refuses it in production) and `github`.
       * @visibility frontend
       */
      providers?: string[];
    };
  };
}
