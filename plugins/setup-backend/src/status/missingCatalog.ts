import { Integration, MissingSetting } from '@internal/plugin-setup-common';
import { ConfiguredProvider } from './catalogProviders';
import { CHOICES, missing } from './variables';

/**
 * What the catalog lacks: an org provider, discovery, and GitHub credentials
 * for the hosts its GitHub providers read.
 */
export function missingCatalog(
  providers: ConfiguredProvider[],
  integrations: Integration[],
): MissingSetting[] {
  const result: MissingSetting[] = [];
  if (!providers.some(p => p.match.kind === 'org')) {
    result.push(
      missing('org', 'No people and teams: the catalog has no org provider', [
        CHOICES.githubOrg,
        CHOICES.ldapOrg,
        CHOICES.microsoftGraphOrg,
      ]),
    );
  }
  if (!providers.some(p => p.match.kind === 'discovery')) {
    result.push(
      missing(
        'discovery',
        'No repository discovery: only the locations in the config are read',
        [CHOICES.discovery],
      ),
    );
  }
  const githubHosts = new Set(providers.flatMap(p => p.githubHost ?? []));
  for (const host of githubHosts) {
    const integration = integrations.find(
      i => i.type === 'github' && i.host === host,
    );
    if (!integration || integration.auth === 'none') {
      result.push(
        missing(
          'integrations',
          `No GitHub credentials for ${host}, which the GitHub providers read`,
          [CHOICES.githubToken, CHOICES.githubApp],
        ),
      );
    }
  }
  return result;
}
