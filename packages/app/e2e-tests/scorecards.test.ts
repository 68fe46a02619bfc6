import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';

// globalSetup copies this entity's catalog file here; the test edits it.
const entityFile = path.resolve(
  __dirname,
  '../../../.data/e2e-scorecards/catalog-info.yaml',
);
const tab = '/catalog/default/component/e2e-unsystematic-service/scorecards';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The row of the "Part of a system" check on the entity's Scorecards tab, once evaluated. */
async function systemCheck(page: Page, status: 'Pass' | 'Fail') {
  const row = page.getByTestId('check-in-a-system');
  await expect
    .poll(
      async () => {
        await page.goto(tab);
        return row
          .filter({ hasText: status })
          .waitFor({ timeout: 5_000 })
          .then(
            () => true,
            () => false,
          );
      },
      {
        message: `the in-a-system check shows ${status}`,
        timeout: 45_000,
        intervals: [1_000],
      },
    )
    .toBe(true);
  return row;
}

test.describe.configure({ mode: 'serial' });

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test("an entity's Scorecards tab shows a failing check, its reason and how to fix it", async ({
  page,
}) => {
  const row = await systemCheck(page, 'Fail');
  await expect(row).toContainText('Part of a system');
  await expect(row).toContainText(
    'expected catalog.systemExists == true; catalog.systemExists is false',
  );
  await expect(row).toContainText('How to fix');
  await expect(row).toContainText('to the system this service belongs to');
  await expect(
    page.getByText('Production readiness', { exact: true }).first(),
  ).toBeVisible();
});

test('the Scorecards page drills down from a check to the entities failing it', async ({
  page,
}) => {
  await page.goto(
    '/scorecards?scorecard=production-readiness&check=in-a-system',
  );
  await expect(page.getByText('Check: Part of a system')).toBeVisible({
    timeout: 20_000,
  });
  await expect(
    page.getByRole('link', {
      name: /e2e-unsystematic-service|E2E Unsystematic Service/,
    }),
  ).toBeVisible();
  await expect(page.getByText('Team leaderboard')).toBeVisible();
});

test('fixing the entity in its YAML flips the check to pass after a catalog refresh', async ({
  page,
}) => {
  await systemCheck(page, 'Fail');
  fs.writeFileSync(
    entityFile,
    fs
      .readFileSync(entityFile, 'utf8')
      .replace(
        '  owner: team-storefront\n',
        '  owner: team-storefront\n  system: storefront\n',
      ),
  );

  // The refresh button of the entity page's About card, as a user would.
  await page.goto('/catalog/default/component/e2e-unsystematic-service');
  await page.getByTitle('Schedule entity refresh').click();

  const row = await systemCheck(page, 'Pass');
  await expect(row).not.toContainText('How to fix');
});
