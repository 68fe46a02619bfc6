import { BackendFeature } from '@backstage/backend-plugin-api';
import { authModuleProductionGuard } from './modules/productionGuard';
import { catalogProviderLogsServiceFactory } from '@internal/plugin-setup-backend';
import { servicePermissionsServiceFactory } from '@internal/plugin-access-control-node';
import { catalogModuleLdapEntityNames } from './modules/org';
import { rootHttpRouter } from './modules/rootHttpRouter';
import {
  authModuleGreenroomGithubProvider,
  authModuleGreenroomGitlabProvider,
  authModuleGreenroomMicrosoftProvider,
  authModuleGreenroomOidcProvider,
  authModuleGreenroomOwnership,
} from './modules/signIn';

/** What `backend.add()` takes: a feature, or the import of a package whose default export is one. */
export type BackendFeatureImport =
  | BackendFeature
  | Promise<{ default: BackendFeature }>;

/**
 * The stock Backstage plugins and modules the backend runs: the same backend
 * without anything Greenroom wrote. `bench/scale` runs this set alone to
 * measure what Greenroom's own modules cost. A function, so that a backend
 * started with this set only does not load the in-house packages.
 */
export function stockFeatures(): BackendFeatureImport[] {
  return [
    // serves the built frontend in production
    import('@backstage/plugin-app-backend'),
    import('@backstage/plugin-proxy-backend'),

    // auth: guest sign-in in development (the production providers are
    // Greenroom's modules, with its sign-in resolver)
    import('@backstage/plugin-auth-backend'),
    import('@backstage/plugin-auth-backend-module-guest-provider'),

    // catalog
    import('@backstage/plugin-catalog-backend'),
    import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
    import('@backstage/plugin-catalog-backend-module-logs'),
    // people, teams and repositories, each when production configures it
    // (src/config from the environment)
    import('@backstage/plugin-catalog-backend-module-github'),
    import('@backstage/plugin-catalog-backend-module-github-org'),
    import('@backstage/plugin-catalog-backend-module-ldap'),
    import('@backstage/plugin-catalog-backend-module-msgraph'),

    // scaffolder
    import('@backstage/plugin-scaffolder-backend'),
    import('@backstage/plugin-scaffolder-backend-module-github'),
    import('@backstage/plugin-scaffolder-backend-module-notifications'),

    // techdocs
    import('@backstage/plugin-techdocs-backend'),

    // permission (the policy is Greenroom's access control; the stock set
    // alone adds allow-all, bench/scale/stockBackend.ts)
    import('@backstage/plugin-permission-backend'),

    // search on the Postgres engine, with catalog and techdocs collators
    import('@backstage/plugin-search-backend'),
    import('@backstage/plugin-search-backend-module-pg'),
    import('@backstage/plugin-search-backend-module-catalog'),
    import('@backstage/plugin-search-backend-module-techdocs'),

    // user settings, notifications and signals
    import('@backstage/plugin-user-settings-backend'),
    import('@backstage/plugin-notifications-backend'),
    import('@backstage/plugin-signals-backend'),

    // the events bus the catalog and signals subscribe to
    import('@backstage/plugin-events-backend'),

    // the MCP server: agents call the plugins' actions (those of
    // backend.actions.pluginSources) as their user, at /api/mcp-actions/v1
    import('@backstage/plugin-mcp-actions-backend'),
  ];
}

/**
 * Greenroom's in-house plugins and modules, added on top of the stock set.
 * A new in-house module goes here.
 */
export function greenroomFeatures(): BackendFeatureImport[] {
  return [
    // refuses guest sign-in in production
    authModuleProductionGuard,
    // sign-in providers, each used when auth.providers.<id> is configured
    // (src/config reads them from the environment): one resolver matching
    // the email to one User entity, never a demo user in production
    authModuleGreenroomOidcProvider,
    authModuleGreenroomGithubProvider,
    authModuleGreenroomMicrosoftProvider,
    authModuleGreenroomGitlabProvider,
    // a user owns what their groups' parent groups own
    authModuleGreenroomOwnership,
    // plugins calling each other on this host get uncompressed answers
    rootHttpRouter,

    // access control: the roles of access-control/policy.yaml, in place of allow-all
    import('@internal/plugin-permission-backend-module-access-control'),
    // access control: plugins calling each other on their own behalf may read,
    // and do what greenroom.accessControl.services grants them
    servicePermissionsServiceFactory,

    // catalog: LDAP names made valid entity names ("Team Payments" is team-payments)
    catalogModuleLdapEntityNames,
    // catalog: one malformed file costs only its own entities
    import('@internal/plugin-catalog-backend-module-isolated-locations'),
    // catalog: changed entities announced on the events bus (scorecards, docs, search)
    import('@internal/plugin-catalog-backend-module-entity-changes'),

    // golden paths: checks, publishing to local git repositories, readiness
    import('@internal/plugin-scaffolder-backend-module-golden-paths'),
    import('@internal/plugin-catalog-backend-module-local-repositories'),

    // techdocs, built in-process by Node (no Python, no Docker)
    import('@internal/plugin-techdocs-backend-module-node-generator'),
    // techdocs for agents: search the docs, read a page as Markdown or text
    import('@internal/plugin-techdocs-backend-module-agent-actions'),

    // search: changed catalog entities indexed between the full collator runs
    import('@internal/plugin-search-backend-module-catalog-changes'),

    // scorecards (plugins/scorecards-backend): definitions in /scorecards
    import('@internal/plugin-scorecards-backend'),

    // setup page for admins (plugins/setup-backend): setup.status.read
    import('@internal/plugin-setup-backend'),
    // the catalog's logger also records what its org and discovery providers
    // log, for the setup page (a named export: a dynamic import of it is
    // undefined when the backend runs from source)
    catalogProviderLogsServiceFactory,
  ];
}
