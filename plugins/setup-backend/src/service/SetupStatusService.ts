import {
  AuthService,
  BackstageCredentials,
  BackstageUserPrincipal,
  DiscoveryService,
  LoggerService,
  PermissionsService,
  RootConfigService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  CatalogProvider,
  ProviderRun,
  SetupStatus,
  setupStatusReadPermission,
} from '@internal/plugin-setup-common';
import { CatalogTasks } from '../catalog/CatalogTasks';
import { ProviderEntityCounts } from '../catalog/ProviderEntityCounts';
import { ProviderLogs } from '../providerLogs/ProviderLogs';
import { readCatalogProviders } from '../status/catalogProviders';
import { readIntegrations } from '../status/integrations';
import { missingCatalog } from '../status/missingCatalog';
import { redact, secretValues } from '../status/secrets';
import { missingSignIn, readSignIn } from '../status/signIn';

/** What {@link SetupStatusService.create} needs. */
export interface SetupStatusServiceOptions {
  config: RootConfigService;
  logger: LoggerService;
  auth: AuthService;
  discovery: DiscoveryService;
  permissions: PermissionsService;
  catalog: CatalogService;
  providerLogs: ProviderLogs;
}

/**
 * The setup status for Greenroom admins: what the config sets up, read on
 * each call (never a credential), the catalog providers' last runs and
 * counts, and what is missing.
 */
export class SetupStatusService {
  private constructor(
    private readonly options: SetupStatusServiceOptions,
    private readonly tasks: CatalogTasks,
    private readonly counts: ProviderEntityCounts,
  ) {}

  static create(options: SetupStatusServiceOptions): SetupStatusService {
    return new SetupStatusService(
      options,
      CatalogTasks.create(options),
      ProviderEntityCounts.create(options),
    );
  }

  /** The status, for those allowed setup.status.read (admins); anyone else gets a NotAllowedError. */
  async getStatus(
    credentials: BackstageCredentials<BackstageUserPrincipal>,
  ): Promise<SetupStatus> {
    const [decision] = await this.options.permissions.authorize(
      [{ permission: setupStatusReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'Only Greenroom admins (setup.status.read) see the setup status',
      );
    }

    const { config } = this.options;
    const signIn = readSignIn(config);
    const integrations = readIntegrations(config);
    const configured = readCatalogProviders(config);
    const [runs, counts] = await Promise.all([
      configured.length ? this.tasks.runs() : undefined,
      this.counts.count(configured),
    ]);
    const secrets = secretValues(config);

    const catalogProviders = configured.map(
      ({ type, id, target, taskId }, i): CatalogProvider => {
        const run: ProviderRun = runs?.get(taskId) ?? { status: 'unknown' };
        const logged = this.options.providerLogs.get(taskId);
        const lastError = logged?.lastError ?? run.lastError;
        return {
          type,
          id,
          target,
          taskId,
          run: {
            ...run,
            ...(logged?.summary && {
              summary: {
                ...logged.summary,
                message: redact(logged.summary.message, secrets),
              },
            }),
            ...(lastError && {
              lastError: {
                ...lastError,
                message: redact(lastError.message, secrets),
              },
            }),
          },
          counts: counts[i],
        };
      },
    );

    return {
      signIn,
      catalogProviders,
      integrations,
      missing: [
        ...missingSignIn(signIn),
        ...missingCatalog(configured, integrations),
      ],
    };
  }
}
