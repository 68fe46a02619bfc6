import path from 'node:path';
import { defineConfig } from '@playwright/test';

/**
 * Backend integration and browser tests.
 *
 * - `backend` and `app`: one real backend (dev config plus
 *   packages/backend/e2e-tests/app-config.e2e.yaml) on a real Postgres, from
 *   packages/backend/e2e-tests/globalSetup.ts. It serves the built app, so
 *   run `yarn workspace app build` first (`./greenroom test` does).
 * - `production`: the production bundle, built by scripts/build-production.sh
 *   (which builds the app too) and started with NODE_ENV=production, a real
 *   OpenID Connect provider and a real slapd, from its own globalSetup.ts,
 *   which does nothing unless this project runs. It runs first, so that the
 *   development backend serves the app it built.
 */
export default defineConfig({
  globalSetup: [
    './packages/app/e2e-tests/production/globalSetup.ts',
    './packages/backend/e2e-tests/globalSetup.ts',
  ],
  timeout: 90_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  // One backend serves every test, and the machine has two cores.
  workers: 1,
  reporter: [
    ['list'],
    ['html', { open: 'never', outputFolder: 'e2e-test-report' }],
  ],
  use: {
    baseURL: 'http://localhost:7007',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: this machine cannot download Playwright's own.
      executablePath: process.env.GREENROOM_CHROMIUM ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  outputDir: 'e2e-test-results',
  projects: [
    { name: 'backend', testDir: 'packages/backend/e2e-tests' },
    {
      name: 'app',
      testDir: 'packages/app/e2e-tests',
      testIgnore: path.join(__dirname, 'packages/app/e2e-tests/production/**'),
    },
    {
      name: 'production',
      testDir: 'packages/app/e2e-tests/production',
      // set by its global setup, before the tests' processes start
      use: { baseURL: process.env.GREENROOM_PRODUCTION_URL },
    },
  ],
});
