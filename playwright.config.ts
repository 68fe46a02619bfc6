import { defineConfig } from '@playwright/test';

/**
 * Backend integration and browser tests. The global setup starts one real
 * backend (dev config plus packages/backend/e2e-tests/app-config.e2e.yaml) on
 * a real Postgres; it serves the built app, so run `yarn workspace app build`
 * first (`./greenroom test` does).
 */
export default defineConfig({
  globalSetup: './packages/backend/e2e-tests/globalSetup.ts',
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
    { name: 'app', testDir: 'packages/app/e2e-tests' },
  ],
});
