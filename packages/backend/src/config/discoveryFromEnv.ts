import { JsonObject } from '@backstage/config';
import {
  catalogProvidersScheduleFromEnv,
  githubHostFromEnv,
  hasGithubCredentials,
} from './orgFromEnv';
import { EnvConfigPart } from './types';
import { readVar } from './vars';

/** The kinds app-config.yaml's rules keep out of repositories, and their spelling. */
const allowableKinds = ['Template', 'User', 'Group'];

const optionalVars = [
  'GITHUB_DISCOVERY_BRANCH',
  'GITHUB_DISCOVERY_PATH',
  'GITHUB_DISCOVERY_REPO_FILTER',
  'GITHUB_DISCOVERY_ALLOW_KINDS',
];

function allowedKindsFromEnv(env: NodeJS.ProcessEnv): {
  kinds: string[];
  errors: string[];
} {
  const names = (readVar(env, 'GITHUB_DISCOVERY_ALLOW_KINDS') ?? '')
    .split(',')
    .map(name => name.trim())
    .filter(Boolean);
  const kinds = names.map(name =>
    allowableKinds.find(kind => kind.toLowerCase() === name.toLowerCase()),
  );
  const unknown = names.filter((_, i) => !kinds[i]);
  return {
    kinds: kinds.filter((kind): kind is string => Boolean(kind)),
    errors: unknown.length
      ? [
          `GITHUB_DISCOVERY_ALLOW_KINDS lists ${unknown
            .map(name => `"${name}"`)
            .join(', ')}: the kinds, among ${allowableKinds.join(
            ', ',
          )}, that catalog-info.yaml files in the organization's repositories may also define (software kinds always may)`,
        ]
      : [],
  };
}

/**
 * Discovery of catalog-info.yaml files across GITHUB_ORG's repositories
 * (`catalog.providers.github`) when GITHUB_DISCOVERY=true, with
 * GITHUB_DISCOVERY_BRANCH, _PATH and _REPO_FILTER, on
 * CATALOG_PROVIDERS_SCHEDULE_MINUTES. What the files may define is
 * app-config.yaml's catalog.rules (software only), plus a rule for the kinds
 * of GITHUB_DISCOVERY_ALLOW_KINDS at the organization's URLs (added to the
 * files' rules by rootConfigWithEnvironment).
 */
export function discoveryConfigFromEnv(env: NodeJS.ProcessEnv): EnvConfigPart {
  const discovery = readVar(env, 'GITHUB_DISCOVERY');
  if (
    discovery !== undefined &&
    discovery !== 'true' &&
    discovery !== 'false'
  ) {
    return {
      config: {},
      errors: [
        `GITHUB_DISCOVERY is "${discovery}": set it to true to read the catalog-info.yaml files of GITHUB_ORG's repositories, or leave it unset`,
      ],
    };
  }
  if (discovery !== 'true') {
    const set = optionalVars.filter(name => readVar(env, name));
    return {
      config: {},
      errors: set.map(
        name =>
          `GITHUB_DISCOVERY is not true: it turns on the discovery of catalog-info.yaml files, needed because ${name} is set`,
      ),
    };
  }

  // a wrong schedule is reported once, by orgConfigFromEnv
  const { schedule } = catalogProvidersScheduleFromEnv(env);
  const errors: string[] = [];
  const org = readVar(env, 'GITHUB_ORG');
  if (!org) {
    errors.push(
      'GITHUB_ORG is not set: the GitHub organization whose repositories are searched for catalog-info.yaml files, needed because GITHUB_DISCOVERY is true',
    );
  }
  if (!hasGithubCredentials(env)) {
    errors.push(
      'GITHUB_TOKEN is not set: a token with the repo scope (or a GitHub App with Contents and Metadata read: GITHUB_APP_ID and its partners) to read the repositories, needed because GITHUB_DISCOVERY is true',
    );
  }
  const branch = readVar(env, 'GITHUB_DISCOVERY_BRANCH');
  if (branch?.includes('/')) {
    errors.push(
      `GITHUB_DISCOVERY_BRANCH is "${branch}": the branch whose catalog-info.yaml is read (each repository's default branch when unset), without "/" (GitHub's provider does not read such branches)`,
    );
  }
  const repositories = readVar(env, 'GITHUB_DISCOVERY_REPO_FILTER');
  if (repositories) {
    try {
      new RegExp(repositories).test('');
    } catch (error) {
      errors.push(
        `GITHUB_DISCOVERY_REPO_FILTER is "${repositories}", not a regular expression (${
          (error as Error).message
        }): the repository names to read, matched whole`,
      );
    }
  }
  const allowed = allowedKindsFromEnv(env);
  errors.push(...allowed.errors);
  if (errors.length > 0) {
    return { config: {}, errors };
  }

  const host = githubHostFromEnv(env);
  const catalogPath =
    readVar(env, 'GITHUB_DISCOVERY_PATH') ?? '/catalog-info.yaml';
  const config: JsonObject = {
    catalog: {
      providers: {
        github: {
          default: {
            host,
            organization: org!,
            catalogPath,
            filters: {
              ...(branch && { branch }),
              ...(repositories && { repository: repositories }),
            },
            // Only repositories that have the file get a Location, unless
            // the path has wildcards (the provider can't check those).
            validateLocationsExist: !catalogPath.includes('*'),
            schedule,
          },
        },
      },
    },
  };
  if (allowed.kinds.length > 0) {
    (config.catalog as JsonObject).rules = [
      {
        allow: allowed.kinds,
        locations: [{ type: 'url', pattern: `https://${host}/${org}/**` }],
      },
    ];
  }
  return { config, errors: [] };
}
