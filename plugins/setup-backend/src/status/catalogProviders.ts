import { Config } from '@backstage/config';
import { CatalogProvider } from '@internal/plugin-setup-common';

/**
 * A provider configured under catalog.providers, with the id of the task the
 * catalog runs it in and how to recognise the entities it gave the catalog.
 */
export interface ConfiguredProvider {
  type: CatalogProvider['type'];
  id: string;
  target: string;
  taskId: string;
  /** The GitHub host it reads, for the GitHub providers. */
  githubHost?: string;
  /**
   * Org providers: the backstage.io/managed-by-location of their users and
   * groups. Discovery: the start of the backstage.io/managed-by-origin-location
   * of the Locations it emits and of the entities read from them.
   */
  match:
    | { kind: 'org'; users: RegExp; groups: RegExp }
    | { kind: 'discovery'; originPrefix: string };
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A URL without any user name or password in it. */
const withoutUserInfo = (url: string) => url.replace(/\/\/[^/@]*@/, '//');

/**
 * The entries of a provider key that is either one provider (with id
 * `default`, recognised by a key only a provider has) or providers by id.
 */
function byId(config: Config, key: string, singleKeys: string[]) {
  const providers = config.getOptionalConfig(key);
  if (!providers) return [];
  if (singleKeys.some(k => providers.has(k))) {
    return [{ id: 'default', config: providers }];
  }
  return providers.keys().map(id => ({ id, config: providers.getConfig(id) }));
}

/**
 * catalog.providers.githubOrg (@backstage/plugin-catalog-backend-module-github-org,
 * which runs a GithubMultiOrgEntityProvider per entry): users are located at
 * url:<githubUrl>/<login>, teams at url:<githubUrl>/orgs/<org>/teams/<team>.
 */
function githubOrg(config: Config): ConfiguredProvider[] {
  const key = 'catalog.providers.githubOrg';
  if (!config.has(key)) return [];
  const entries = Array.isArray(config.getOptional(key))
    ? config.getConfigArray(key)
    : [config.getConfig(key)];
  return entries.map(c => {
    const id = c.getString('id');
    const base = c.getString('githubUrl').replace(/\/+$/, '');
    const orgs = c.getOptionalStringArray('orgs') ?? [];
    return {
      type: 'githubOrg',
      id,
      target: orgs.length
        ? orgs.map(org => `${base}/${org}`).join(', ')
        : `${base} (every organization the GitHub App is installed in)`,
      taskId: `GithubMultiOrgEntityProvider:${id}:refresh`,
      githubHost: new URL(base).host,
      match: {
        kind: 'org',
        users: new RegExp(`^url:${escape(base)}/[^/]+$`, 'i'),
        groups: new RegExp(
          `^url:${escape(base)}/orgs/(${
            orgs.length ? orgs.map(escape).join('|') : '[^/]+'
          })/teams/`,
          'i',
        ),
      },
    };
  });
}

/** catalog.providers.ldapOrg: entities are located at ldap://<id>/<dn>. */
function ldapOrg(config: Config): ConfiguredProvider[] {
  return byId(config, 'catalog.providers.ldapOrg', []).map(
    ({ id, config: c }) => {
      const located = new RegExp(`^ldap://${escape(id)}/`, 'i');
      return {
        type: 'ldapOrg',
        id,
        target: withoutUserInfo(c.getString('target')),
        taskId: `LdapOrgEntityProvider:${id}:refresh`,
        match: { kind: 'org', users: located, groups: located },
      };
    },
  );
}

/** catalog.providers.microsoftGraphOrg: entities are located at msgraph:<id>/<object id>. */
function microsoftGraphOrg(config: Config): ConfiguredProvider[] {
  return byId(config, 'catalog.providers.microsoftGraphOrg', [
    'clientId',
    'tenantId',
  ]).map(({ id, config: c }) => {
    const located = new RegExp(`^msgraph:${escape(id)}/`, 'i');
    const target =
      c.getOptionalString('target') ?? 'https://graph.microsoft.com/v1.0';
    return {
      type: 'microsoftGraphOrg',
      id,
      target: `${target}, tenant ${c.getString('tenantId')}`,
      taskId: `MicrosoftGraphOrgEntityProvider:${id}:refresh`,
      match: { kind: 'org', users: located, groups: located },
    };
  });
}

/**
 * catalog.providers.github (discovery): one Location per catalog file found,
 * at url:https://<host>/<org>/<repo>/blob/<branch>/<path>.
 */
function githubDiscovery(config: Config): ConfiguredProvider[] {
  return byId(config, 'catalog.providers.github', ['organization', 'app']).map(
    ({ id, config: c }) => {
      const host = c.getOptionalString('host') ?? 'github.com';
      const organization = c.getOptionalString('organization');
      const catalogPath =
        c.getOptionalString('catalogPath') ?? '/catalog-info.yaml';
      const branch = c.getOptionalString('filters.branch');
      const where = organization
        ? `https://${host}/${organization}`
        : `https://${host} (every organization the GitHub App is installed in)`;
      return {
        type: 'github',
        id,
        target: `${where}: ${catalogPath}${branch ? ` on ${branch}` : ''}`,
        taskId: `github-provider:${id}:refresh`,
        githubHost: host,
        match: {
          kind: 'discovery',
          originPrefix: `url:https://${host}/${
            organization ? `${organization}/` : ''
          }`.toLocaleLowerCase('en-US'),
        },
      };
    },
  );
}

/** The org and discovery providers in catalog.providers, no credentials read. */
export function readCatalogProviders(config: Config): ConfiguredProvider[] {
  return [
    ...githubOrg(config),
    ...ldapOrg(config),
    ...microsoftGraphOrg(config),
    ...githubDiscovery(config),
  ];
}
