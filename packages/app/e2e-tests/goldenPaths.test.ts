import { expect, test } from '@playwright/test';
import { openShowing, signInAsGuest } from './portal';

test('a developer creates a Node.js service from its template and it lands ready: in the catalog, documented and scored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  // A name of its own each run: the template refuses one the catalog has.
  const name = `e2e-refunds-${Date.now().toString(36)}`;
  await signInAsGuest(page);

  await openShowing(page, '/create', [
    page.getByText('Node.js HTTP service').first(),
  ]);
  // The form's pickers list the catalog's groups and systems as it opens.
  await expect(async () => {
    await page.goto('/create/templates/default/node-service');
    await page.getByRole('textbox', { name: 'Owner' }).click();
    await page
      .getByRole('option', { name: 'Storefront Team' })
      .first()
      .click({ timeout: 5_000 });
    await page.getByRole('textbox', { name: 'System' }).click();
    await page
      .getByRole('option', { name: /payments/i })
      .first()
      .click({ timeout: 5_000 });
  }, 'the form offers the storefront team and the payments system').toPass({
    timeout: 60_000,
    intervals: [1_000],
  });
  await page.getByRole('textbox', { name: 'Name' }).fill(name);
  await page
    .getByRole('textbox', { name: 'Description' })
    .fill('Issues refunds for returned orders, for the support team.');
  await page.getByRole('button', { name: 'Review' }).click();
  await page.getByRole('button', { name: 'Create' }).click();

  // the task log runs to its end, and the result page links onwards
  const open = page
    .getByRole('button', { name: 'Open the component' })
    .or(page.getByRole('link', { name: 'Open the component' }));
  await expect(open.first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('What happens next')).toBeVisible();
  await expect(
    page.getByText(/Scorecards: .*Production readiness silver/).first(),
  ).toBeVisible();

  // The task ends once the component is in the catalog, its docs built and
  // its scores in, so each page below reads them on its first load.
  await open.first().click();
  await expect(page).toHaveURL(
    new RegExp(`/catalog/default/component/${name}$`),
  );
  await expect(
    page.getByText('Issues refunds for returned orders').first(),
  ).toBeVisible();

  await page.goto(`/docs/default/component/${name}/runbook/`);
  await expect(
    page.locator('[data-testid="techdocs-native-shadowroot"] article h1'),
  ).toHaveText('Runbook');

  await page.goto(`/catalog/default/component/${name}/scorecards`);
  await expect(
    page.getByText('Production readiness', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByTestId('check-has-ci')).toContainText('Pass');
});
