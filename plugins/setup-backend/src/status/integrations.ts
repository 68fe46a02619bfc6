import { Config } from '@backstage/config';
import { Integration } from '@internal/plugin-setup-common';

/** The host an integration entry without `host` stands for. */
const DEFAULT_HOSTS: Record<string, string> = {
  github: 'github.com',
  gitlab: 'gitlab.com',
  bitbucketCloud: 'bitbucket.org',
  azure: 'dev.azure.com',
};

/** How the portal authenticates to a host: only which keys are set is read. */
function authOf(entry: Config): Integration['auth'] {
  if (entry.has('apps')) return 'app';
  if (entry.has('token')) return 'token';
  if (
    ['credentials', 'username', 'password', 'appPassword'].some(k =>
      entry.has(k),
    )
  ) {
    return 'credentials';
  }
  return 'none';
}

/** Every host under integrations, by type, and whether it has a token or an app. */
export function readIntegrations(config: Config): Integration[] {
  const integrations = config.getOptionalConfig('integrations');
  if (!integrations) return [];
  return integrations.keys().flatMap(type =>
    Array.isArray(integrations.getOptional(type))
      ? integrations.getConfigArray(type).map(entry => ({
          type,
          host: entry.getOptionalString('host') ?? DEFAULT_HOSTS[type] ?? type,
          auth: authOf(entry),
        }))
      : [],
  );
}
