import { expect, test } from '@playwright/test';

test('a developer creates a Node.js service from its template and it lands ready: in the catalog, documented and scored', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();

  await page.goto('/create');
  await expect(page.getByText('Node.js HTTP service').first()).toBeVisible();
  await page.goto('/create/templates/default/node-service');

  await page.getByRole('textbox', { name: 'Name' }).fill('e2e-refunds-api');
  await page.getByRole('textbox', { name: 'Owner' }).click();
  await page.getByRole('option', { name: 'Storefront Team' }).first().click();
  await page.getByRole('textbox', { name: 'System' }).click();
  await page
    .getByRole('option', { name: /payments/i })
    .first()
    .click();
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

  await open.first().click();
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/e2e-refunds-api/,
  );
  await expect(
    page.getByText('Issues refunds for returned orders').first(),
  ).toBeVisible();

  await page.goto('/docs/default/component/e2e-refunds-api/runbook/');
  await expect(
    page.locator('[data-testid="techdocs-native-shadowroot"] article h1'),
  ).toHaveText('Runbook', { timeout: 30_000 });

  await page.goto('/catalog/default/component/e2e-refunds-api/scorecards');
  await expect(
    page.getByText('Production readiness', { exact: true }).first(),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(page.getByTestId('check-has-ci')).toContainText('Pass');
});
