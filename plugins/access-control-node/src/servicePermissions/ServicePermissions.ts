import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  PermissionsServiceRequestOptions,
} from '@backstage/backend-plugin-api';
import {
  AuthorizePermissionRequest,
  AuthorizePermissionResponse,
  AuthorizeResult,
  QueryPermissionRequest,
  QueryPermissionResponse,
} from '@backstage/plugin-permission-common';

/** The config key that grants plugins more than reading on their own behalf. */
export const SERVICES_CONFIG_KEY = 'greenroom.accessControl.services';

/** What {@link ServicePermissions} decides with. */
export type ServicePermissionsOptions = {
  /** The plugin this service answers for. */
  pluginId: string;
  /** Backstage's own permissions service, which decides the rest. */
  inner: PermissionsService;
  /** Per calling plugin, the permissions beyond reading it is granted. */
  grants: ReadonlyMap<string, ReadonlySet<string>>;
  auth: AuthService;
  logger: LoggerService;
};

/**
 * A plugin's permissions service that gives other plugins calling it on
 * their own behalf (a `plugin:<id>` service principal, not a user's request
 * they forward) a narrow policy: they may read, and do what
 * `greenroom.accessControl.services.<id>` lists; anything else is denied.
 * Backstage's own permissions service allows a plugin everything. A plugin's
 * calls to itself, users (also when a plugin forwards their request), and
 * external callers calling directly (whose access restrictions Backstage
 * applies) go to that service unchanged; an external caller's request that a
 * plugin forwards arrives as that plugin, and is narrowed. This holds whether
 * or not `permission.enabled` is set.
 */
export class ServicePermissions implements PermissionsService {
  private readonly warned = new Set<string>();

  private constructor(private readonly options: ServicePermissionsOptions) {}

  static create(options: ServicePermissionsOptions): ServicePermissions {
    return new ServicePermissions(options);
  }

  authorize(
    requests: AuthorizePermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<AuthorizePermissionResponse[]> {
    return this.decide(requests, options, (allowed, o) =>
      this.options.inner.authorize(allowed, o),
    );
  }

  authorizeConditional(
    requests: QueryPermissionRequest[],
    options: PermissionsServiceRequestOptions,
  ): Promise<QueryPermissionResponse[]> {
    return this.decide(requests, options, (allowed, o) =>
      this.options.inner.authorizeConditional(allowed, o),
    );
  }

  /** Denies what the calling plugin may not do, and asks the inner service the rest. */
  private async decide<
    R extends AuthorizePermissionRequest | QueryPermissionRequest,
    D,
  >(
    requests: R[],
    options: PermissionsServiceRequestOptions,
    inner: (allowed: R[], o: PermissionsServiceRequestOptions) => Promise<D[]>,
  ): Promise<Array<D | AuthorizePermissionResponse>> {
    // (callers of the older evaluator interface may pass no options)
    const caller = this.callingPlugin(options?.credentials);
    if (!caller) return inner(requests, options);
    const granted = this.options.grants.get(caller);
    const mayDo = requests.map(
      ({ permission }) =>
        permission.attributes?.action === 'read' ||
        granted?.has(permission.name) === true,
    );
    requests.forEach(({ permission }, i) => {
      if (!mayDo[i]) this.warnOnce(caller, permission.name);
    });
    const allowed = requests.filter((_, i) => mayDo[i]);
    const decisions = allowed.length > 0 ? await inner(allowed, options) : [];
    let next = 0;
    const denied: AuthorizePermissionResponse = {
      result: AuthorizeResult.DENY,
    };
    return mayDo.map(may => (may ? decisions[next++] : denied));
  }

  /** The id of another plugin calling on its own behalf, if that is who calls. */
  private callingPlugin(
    credentials: BackstageCredentials | undefined,
  ): string | undefined {
    if (
      !credentials ||
      !this.options.auth.isPrincipal(credentials, 'service')
    ) {
      return undefined;
    }
    const { subject } = credentials.principal;
    if (!subject.startsWith('plugin:')) return undefined; // external access
    const caller = subject.slice('plugin:'.length);
    return caller === this.options.pluginId ? undefined : caller;
  }

  private warnOnce(caller: string, permission: string) {
    const key = `${caller}\n${permission}`;
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.options.logger.warn(
      `Access control: denied ${permission} to the ${caller} plugin calling the ${this.options.pluginId} plugin on its own behalf: plugins may only read on their own behalf unless ${SERVICES_CONFIG_KEY}.${caller} lists the permission; not logged again for this plugin and permission`,
    );
  }
}
