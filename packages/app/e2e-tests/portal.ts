import { expect, Locator, Page } from '@playwright/test';

/** Signs in on the sign-in page with its guest button. */
export async function signInAsGuest(page: Page) {
  await page.goto('/');
  await expect(page.getByText('Welcome to Greenroom')).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/**
 * Opens `url` until each of `shown` is visible. A page reads the catalog,
 * search or scores once, as it loads, and a backend that has just started may
 * still be ingesting, indexing or evaluating exactly what the test reads; so
 * this loads the page again rather than waiting on one that will not change.
 */
export async function openShowing(
  page: Page,
  url: string,
  shown: Locator[],
  { timeout = 60_000 }: { timeout?: number } = {},
) {
  await expect(async () => {
    await page.goto(url);
    for (const locator of shown) {
      // long enough for a slow page load, short enough to load it again
      await expect(locator).toBeVisible({ timeout: 10_000 });
    }
  }, `${url} shows what the test reads`).toPass({
    timeout,
    intervals: [1_000],
  });
}
