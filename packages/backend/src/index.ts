import { createBackend } from '@backstage/backend-defaults';
import { authModuleProductionGuard } from './modules/productionGuard';

const backend = createBackend();

// serves the built frontend in production
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-proxy-backend'));

// auth: guest sign-in in development, refused in production
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-auth-backend-module-github-provider'));
backend.add(authModuleProductionGuard);

// catalog
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(
  import('@internal/plugin-catalog-backend-module-isolated-locations'),
);

// scaffolder
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// golden paths: checks, publishing to local git repositories, readiness
backend.add(import('@internal/plugin-scaffolder-backend-module-golden-paths'));
backend.add(
  import('@internal/plugin-catalog-backend-module-local-repositories'),
);
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);

// techdocs, built in-process by Node (no Python, no Docker)
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@internal/plugin-techdocs-backend-module-node-generator'));

// permission
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// search on the Postgres engine, with catalog and techdocs collators
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

// user settings, notifications and signals
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// scorecards (plugins/scorecards-backend): definitions in /scorecards
backend.add(import('@internal/plugin-scorecards-backend'));

// the events bus the catalog and signals subscribe to
backend.add(import('@backstage/plugin-events-backend'));

backend.start();
