import { LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { ServiceUnavailableError, toError } from '@backstage/errors';
import {
  oidcAuthenticator,
  OidcAuthResult,
} from '@backstage/plugin-auth-backend-module-oidc-provider';
import {
  createOAuthAuthenticator,
  OAuthAuthenticator,
} from '@backstage/plugin-auth-node';

type OidcContext = ReturnType<typeof oidcAuthenticator.initialize>;

/** How long a failed discovery is reported again before the issuer is asked again. */
const RETRY_AFTER_MS = 10_000;

/**
 * The OIDC issuer's discovery document, fetched at start-up and fetched again
 * on the next sign-in when that failed (the stock authenticator keeps its
 * first failure until a restart). Failures name the issuer.
 */
export class OidcIssuer {
  readonly #config: Config;
  readonly #logger: LoggerService;
  #context: OidcContext;
  #failure?: { error: Error; at: number };

  static discover(options: {
    callbackUrl: string;
    config: Config;
    logger: LoggerService;
  }): OidcIssuer {
    return new OidcIssuer(options.callbackUrl, options.config, options.logger);
  }

  private constructor(
    readonly callbackUrl: string,
    config: Config,
    logger: LoggerService,
  ) {
    this.#config = config;
    this.#logger = logger;
    this.#context = this.#initialize();
  }

  get metadataUrl(): string {
    return this.#config.getString('metadataUrl');
  }

  /** The stock authenticator's context, once the issuer has answered. */
  async ready(): Promise<OidcContext> {
    if (this.#failure) {
      if (Date.now() - this.#failure.at < RETRY_AFTER_MS) {
        throw this.#failure.error;
      }
      this.#context = this.#initialize();
    }
    await this.#context.promise.catch(() => {});
    if (this.#failure) {
      throw this.#failure.error;
    }
    return this.#context;
  }

  #initialize(): OidcContext {
    this.#failure = undefined;
    const context = oidcAuthenticator.initialize({
      callbackUrl: this.callbackUrl,
      config: this.#config,
    });
    // Handled here, so that a failure is one clear log line and not an
    // unhandled rejection.
    context.promise.catch(cause => {
      const error = new ServiceUnavailableError(
        `Sign-in through OpenID Connect is unavailable: the issuer ${
          this.metadataUrl
        } (AUTH_OIDC_METADATA_URL) could not be reached or did not answer with an OpenID Connect discovery document: ${
          toError(cause).message
        }. Check the URL, and that Greenroom's server can reach it.`,
      );
      this.#failure = { error, at: Date.now() };
      this.#logger.error(error.message);
    });
    return context;
  }
}

/**
 * The stock OIDC authenticator, with the issuer's failures named: at
 * start-up in the log, and on the sign-in page when someone signs in.
 */
export function createOidcAuthenticator(
  logger: LoggerService,
): OAuthAuthenticator<OidcIssuer, OidcAuthResult> {
  return createOAuthAuthenticator({
    defaultProfileTransform: oidcAuthenticator.defaultProfileTransform,
    scopes: oidcAuthenticator.scopes,
    initialize: ({ callbackUrl, config }) =>
      OidcIssuer.discover({ callbackUrl, config, logger }),
    async start(input, issuer) {
      let context: OidcContext;
      try {
        context = await issuer.ready();
      } catch {
        // Back through the frame handler, which hands the sign-in page the
        // error authenticate() throws.
        const url = new URL(issuer.callbackUrl);
        url.searchParams.set('state', input.state);
        url.searchParams.set('error', 'temporarily_unavailable');
        return { url: url.toString() };
      }
      return oidcAuthenticator.start(input, context);
    },
    async authenticate(input, issuer) {
      return oidcAuthenticator.authenticate(input, await issuer.ready());
    },
    async refresh(input, issuer) {
      return oidcAuthenticator.refresh(input, await issuer.ready());
    },
    async logout(input, issuer) {
      return oidcAuthenticator.logout?.(input, await issuer.ready());
    },
  });
}
