import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { openShowing, signInAsGuest } from './portal';

// globalSetup copies this entity's catalog file here; a test edits it, and
// puts it back after.
const original = fs.readFileSync(
  path.resolve(
    __dirname,
    '../../backend/e2e-tests/fixtures/scorecards/catalog-info.yaml',
  ),
  'utf8',
);
const entityFile = path.resolve(
  __dirname,
  '../../../.data/e2e-scorecards/catalog-info.yaml',
);
const tab = '/catalog/default/component/e2e-unsystematic-service/scorecards';

/**
 * The row of the "Part of a system" check on the entity's Scorecards tab,
 * once it shows `status`: the entity may still be on its way through the
 * catalog and the scorecards.
 */
async function systemCheck(page: Page, status: 'Pass' | 'Fail') {
  const row = page.getByTestId('check-in-a-system');
  await openShowing(page, tab, [row.filter({ hasText: status })]);
  return row;
}

/** The refresh button of the entity page's About card, as a user would. */
async function refresh(page: Page) {
  await page.goto('/catalog/default/component/e2e-unsystematic-service');
  await page.getByTitle('Schedule entity refresh').click();
  await expect(page.getByText('Refresh scheduled')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test.afterEach(async ({ page }) => {
  if (fs.readFileSync(entityFile, 'utf8') === original) {
    return;
  }
  fs.writeFileSync(entityFile, original);
  await refresh(page);
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
  // Other tests' fixtures fail this check too: every page of the list is
  // loaded and filtered down to ours, reloading until it has been evaluated.
  const link = page.getByRole('link', {
    name: /e2e-unsystematic-service|E2E Unsystematic Service/,
  });
  const shown = page.getByText(/^\d+ of \d+ entities$/);
  await expect(async () => {
    await page.goto(
      '/scorecards?scorecard=production-readiness&check=in-a-system',
    );
    await expect(page.getByText('Check: Part of a system')).toBeVisible();
    for (;;) {
      const text = (await shown.textContent()) ?? '';
      const [loaded, total] = text.split(' of ').map(n => parseInt(n, 10));
      if (loaded >= total) break;
      await page.getByRole('button', { name: 'Load more' }).click();
      await expect(shown).not.toHaveText(text);
    }
    await page.getByPlaceholder('Filter').fill('unsystematic');
    await expect(link).toBeVisible({ timeout: 5_000 });
  }, 'the drill-down lists e2e-unsystematic-service').toPass({
    timeout: 60_000,
    intervals: [1_000],
  });
  await expect(page.getByText('Team leaderboard')).toBeVisible();
});

test('fixing the entity in its YAML flips the check to pass after a catalog refresh', async ({
  page,
}) => {
  await systemCheck(page, 'Fail');
  fs.writeFileSync(
    entityFile,
    original.replace(
      '  owner: team-storefront\n',
      '  owner: team-storefront\n  system: storefront\n',
    ),
  );

  await refresh(page);

  const row = await systemCheck(page, 'Pass');
  await expect(row).not.toContainText('How to fix');
});
