import { APIRequestContext, expect, Locator, Page } from '@playwright/test';
import { getJson, guestToken } from '../../backend/e2e-tests/api';

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
      await expect(locator).toBeVisible({ timeout: 5_000 });
    }
  }, `${url} shows what the test reads`).toPass({
    timeout,
    intervals: [1_000],
  });
}

/**
 * Waits until the catalog serves each of these entities (`kind:namespace/name`),
 * for pages that read them once, as they load, among other things: a
 * template's pickers, the TechDocs reader.
 */
export async function catalogServes(
  request: APIRequestContext,
  refs: string[],
) {
  const token = await guestToken(request);
  await expect(async () => {
    for (const ref of refs) {
      const [, kind, namespace, name] = ref.match(/^(\w+):([\w-]+)\/(.+)$/)!;
      await getJson(
        request,
        token,
        `/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
      );
    }
  }, `the catalog serves ${refs.join(', ')}`).toPass({
    timeout: 60_000,
    intervals: [1_000],
  });
}
