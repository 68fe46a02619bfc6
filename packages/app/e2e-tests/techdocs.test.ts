import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';

// Opens the demo's docs, then finds them through search, so the steps run in
// order.
test.describe.configure({ mode: 'serial' });

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

/** The docs page's content, inside the reader's shadow DOM. */
const article = (page: Page) =>
  page.locator('[data-testid="techdocs-native-shadowroot"] article');

/** Where app-config.e2e.yaml publishes the sites the backend builds. */
const publishDirectory = path.resolve(__dirname, '../../../.data/e2e-techdocs');

/**
 * Opens a docs page once, with no reload: the backend builds documented
 * entities' sites ahead of their first view, so this first waits until the
 * site is published, as it is for anyone opening it after start-up.
 */
async function openDocs(page: Page, url: string) {
  const entityPath = url
    .replace(/^\/docs\//, '')
    .split('/')
    .slice(0, 3);
  await expect
    .poll(
      () =>
        fs.existsSync(path.join(publishDirectory, ...entityPath, 'index.html')),
      { timeout: 60_000, message: `${url} is built ahead of its first view` },
    )
    .toBe(true);
  await page.goto(url);
  await expect(article(page).locator('h1')).toBeVisible({ timeout: 20_000 });
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('a documented component opens its docs, built by the Node generator', async ({
  page,
}) => {
  await openDocs(page, '/docs/default/component/payments-service');
  await expect(article(page).locator('h1')).toHaveText('Payments Service');

  const nav = page.locator(
    '[data-testid="techdocs-native-shadowroot"] .md-sidebar--primary',
  );
  for (const title of [
    'Overview',
    'Architecture',
    'API reference',
    'Operations',
  ]) {
    await expect(nav.getByText(title, { exact: true }).first()).toBeAttached();
  }
  await expect(
    nav.locator('a.md-nav__link', { hasText: 'Errors and retries' }),
  ).toBeAttached();
});

test('a nav link and a relative link land on the right pages', async ({
  page,
}) => {
  await page.goto('/docs/default/component/payments-service');
  const shadow = page.locator('[data-testid="techdocs-native-shadowroot"]');
  await expect(article(page).locator('h1')).toBeVisible({ timeout: 60_000 });

  await shadow
    .locator('.md-sidebar--primary a.md-nav__link', { hasText: 'Architecture' })
    .click();
  await expect(page).toHaveURL(
    /\/docs\/default\/component\/payments-service\/architecture\/$/,
  );
  await expect(article(page).locator('h1')).toHaveText('Architecture');

  await page.goto('/docs/default/component/payments-service');
  await article(page)
    .getByRole('link', { name: 'Errors and retries' })
    .first()
    .click();
  await expect(page).toHaveURL(/\/payments-service\/api\/errors\/#retries$/);
  await expect(article(page).locator('h2#retries')).toBeVisible();
});

test('admonitions and highlighted code render', async ({ page }) => {
  await page.goto('/docs/default/component/payments-service/runbook/');
  await expect(
    article(page).locator('.admonition .admonition-title').first(),
  ).toBeVisible({ timeout: 60_000 });
  const code = article(page)
    .locator('div.highlight pre code.language-bash.hljs')
    .first();
  await expect(code).toBeVisible();
  await expect(code.locator('span[class^="hljs-"]').first()).toBeAttached();
});

test('a Mermaid diagram is drawn', async ({ page }) => {
  await page.goto('/docs/default/component/payments-service/architecture/');
  const diagram = article(page).locator('pre.mermaid svg');
  await expect(diagram).toBeVisible({ timeout: 60_000 });
  await expect(diagram).toContainText('requires_action');
});

test('a broken docs build shows its error, and other docs are unaffected', async ({
  page,
}) => {
  await page.goto('/docs/default/component/e2e-broken-docs');
  await expect(
    page
      .getByText(
        "mkdocs.yml: nav entry 'Runbook: runbook.md' names a page that does not exist in the docs folder",
      )
      .first(),
  ).toBeAttached({ timeout: 60_000 });

  await openDocs(page, '/docs/default/component/orders-service');
  await expect(article(page).locator('h1')).toHaveText('Orders Service');
});

test("the portal's search finds a sentence from an inner docs page", async ({
  page,
}) => {
  // The techdocs collator indexes the site built above on its next run.
  const result = page
    .getByRole('link', { name: /Retries \| Payments Service docs/ })
    .first();
  await expect
    .poll(
      async () => {
        await page.goto('/search?query=idempotency-lantern');
        return result.waitFor({ timeout: 5_000 }).then(
          () => true,
          () => false,
        );
      },
      { timeout: 75_000, intervals: [1_000] },
    )
    .toBe(true);
  await result.click();
  await expect(page).toHaveURL(
    /\/docs\/default\/component\/payments-service\/api\/errors\/#retries$/,
  );
});
