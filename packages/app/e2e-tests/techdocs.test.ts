import fs from 'node:fs';
import path from 'node:path';
import { expect, Page, test } from '@playwright/test';
import { openShowing, signInAsGuest } from './portal';

/** The docs page's content, inside the reader's shadow DOM. */
const article = (page: Page) =>
  page.locator('[data-testid="techdocs-native-shadowroot"] article');

/** Where app-config.e2e.yaml publishes the sites the backend builds. */
const publishDirectory = path.resolve(__dirname, '../../../.data/e2e-techdocs');

/**
 * Waits until the backend has published the docs pages at these URLs
 * (`/docs/<namespace>/<kind>/<name>/<page>/`): it builds documented entities'
 * sites ahead of their first view, so the reader then opens each with no
 * build of its own, as it does for anyone opening it after start-up.
 */
async function published(...urls: string[]) {
  const files = urls.map(url =>
    path.join(
      publishDirectory,
      url.replace(/^\/docs\//, '').replace(/#.*$/, ''),
      'index.html',
    ),
  );
  await expect
    .poll(() => files.filter(file => !fs.existsSync(file)), {
      timeout: 60_000,
      message: 'docs pages not yet published',
    })
    .toEqual([]);
}

/** Opens a published docs page once, with no reload. */
async function openDocs(page: Page, url: string) {
  await published(url);
  await page.goto(url);
  await expect(article(page).locator('h1')).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('a documented component opens its docs, built by the Node generator', async ({
  page,
}) => {
  await openDocs(page, '/docs/default/component/payments-service');
  // the heading's permalink (toc's permalink: true) follows its text
  await expect(article(page).locator('h1')).toHaveText(/^Payments Service¶?$/);

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
  await published(
    '/docs/default/component/payments-service/architecture/',
    '/docs/default/component/payments-service/api/errors/',
  );
  await openDocs(page, '/docs/default/component/payments-service');
  const shadow = page.locator('[data-testid="techdocs-native-shadowroot"]');

  await shadow
    .locator('.md-sidebar--primary a.md-nav__link', { hasText: 'Architecture' })
    .click();
  await expect(page).toHaveURL(
    /\/docs\/default\/component\/payments-service\/architecture\/$/,
  );
  await expect(article(page).locator('h1')).toHaveText(/^Architecture¶?$/);

  await page.goto('/docs/default/component/payments-service');
  await article(page)
    .getByRole('link', { name: 'Errors and retries' })
    .first()
    .click();
  await expect(page).toHaveURL(/\/payments-service\/api\/errors\/#retries$/);
  await expect(article(page).locator('h2#retries')).toBeVisible();
});

test('admonitions and highlighted code render', async ({ page }) => {
  await openDocs(page, '/docs/default/component/payments-service/runbook/');
  const admonition = article(page).locator('.admonition').first();
  await expect(admonition.locator('.admonition-title')).toBeVisible();
  // its indented body is inside it
  await expect(admonition.locator('p:not(.admonition-title)')).toBeVisible();
  const code = article(page)
    .locator('div.language-bash.highlight pre code')
    .first();
  await expect(code).toBeVisible();
  await expect(code.locator('span[class^="hljs-"]').first()).toBeAttached();
});

test('a Material page shows its front matter title, tabs, annotated code, icons and math', async ({
  page,
}) => {
  await openDocs(page, '/docs/default/component/payments-service/api/clients/');
  const content = article(page);
  await expect(content.locator('h1')).toHaveText('Client libraries');
  await expect(content).not.toContainText('title:');
  // the nav entry has the front matter's title (its section may be folded)
  await expect(
    page
      .locator(
        '[data-testid="techdocs-native-shadowroot"] .md-sidebar--primary',
      )
      .locator('a.md-nav__link', { hasText: 'Client libraries' }),
  ).toBeAttached();

  // Content tabs switch with CSS alone: the reader runs no page script.
  const tabs = content.locator('.tabbed-set').first();
  const typescript = tabs.locator('span.filename', { hasText: 'capture.ts' });
  const go = tabs.locator('span.filename', { hasText: 'capture.go' });
  await expect(typescript).toBeVisible();
  await expect(go).toBeHidden();
  await tabs.locator('label', { hasText: 'Go' }).click();
  await expect(go).toBeVisible();
  await expect(typescript).toBeHidden();
  await tabs.locator('label', { hasText: 'TypeScript' }).click();
  await expect(typescript).toBeVisible();

  // The code annotation's note shows as a tooltip on hover, and stays listed.
  const note = 'natural idempotency key';
  const tooltip = tabs.locator('.md-tooltip', { hasText: note });
  await expect(tooltip).toBeHidden();
  await tabs.locator('.md-annotation').first().hover();
  await expect(tooltip).toBeVisible();
  await expect(tabs.locator('.md-annotation-list li')).toContainText(note);

  // Icons are inline SVG from the icon sets; math is MathML drawn by the browser.
  const icon = content.locator('.twemoji svg').first();
  await expect(icon).toBeVisible();
  await expect(icon.locator('path').first()).toBeAttached();
  const formula = content.locator('div.arithmatex math[display="block"]');
  await expect(formula).toBeVisible();
  await expect(formula).toContainText('0.014');
  await expect(content).not.toContainText('\\left');
});

test('a Mermaid diagram is drawn', async ({ page }) => {
  await openDocs(
    page,
    '/docs/default/component/payments-service/architecture/',
  );
  const diagram = article(page).locator('pre.mermaid svg');
  await expect(diagram).toBeVisible();
  await expect(diagram).toContainText('requires_action');
});

test('a broken docs build shows its error, and other docs are unaffected', async ({
  page,
}) => {
  // The reader builds a site it finds unpublished, and shows how that ended,
  // once the catalog has the entity.
  await openShowing(page, '/catalog/default/component/e2e-broken-docs', [
    page.getByRole('heading', { name: 'e2e-broken-docs' }).first(),
  ]);
  await page.goto('/docs/default/component/e2e-broken-docs');
  await expect(
    page
      .getByText(
        "docs/index.md: snippet '../../../../etc/hostname' leaves the docs repository",
      )
      .first(),
  ).toBeAttached({ timeout: 60_000 });

  await openDocs(page, '/docs/default/component/orders-service');
  await expect(article(page).locator('h1')).toHaveText(/^Orders Service¶?$/);
});

test("the portal's search finds a sentence from an inner docs page", async ({
  page,
}) => {
  test.setTimeout(120_000);
  // The techdocs collator indexes each site on its first run after the site
  // is published.
  const result = page
    .getByRole('link', { name: /Retries \| Payments Service docs/ })
    .first();
  await openShowing(page, '/search?query=idempotency-lantern', [result], {
    timeout: 90_000,
  });
  await result.click();
  await expect(page).toHaveURL(
    /\/docs\/default\/component\/payments-service\/api\/errors\/#retries$/,
  );
});
