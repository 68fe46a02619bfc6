import fs from 'node:fs';
import path from 'node:path';
import { expect, Locator, Page, test } from '@playwright/test';
import { signInAsGuest } from './portal';

/**
 * The docs of e2e-hostile-docs (packages/backend/e2e-tests/fixtures/
 * hostile-docs) try every way issue 12 saw of running script in the reader:
 * a page whose file name is markup, a `javascript:` nav entry and repo_url,
 * Markdown links to `javascript:`, `vbscript:` and `data:` URLs, raw
 * `<script>`, `<img onerror>`, SVG with script, frames, forms, `<base>`,
 * `<meta http-equiv>`, a forged placeholder of the generator's markup and
 * an attribute left open around it; and, on a page without raw HTML (which
 * the generator does not sanitize), mkdocs.yml options written into its own
 * markup (`line_anchors`, `css_class`, toc's permalink...) and attr_list
 * handlers and styles that would cover the reader. Every payload names
 * itself `greenroom-xss-…`.
 */
const SITE = '/docs/default/component/e2e-hostile-docs';
const PAGES = [
  { url: `${SITE}/`, last: 'The end of the hostile home page.' },
  { url: `${SITE}/raw/`, last: 'The end of the raw HTML page.' },
  { url: `${SITE}/attributes/`, last: 'The end of the attributes page.' },
];

/** Where app-config.e2e.yaml publishes the sites the backend builds. */
const publishDirectory = path.resolve(__dirname, '../../../.data/e2e-techdocs');

const shadowHost = (page: Page) =>
  page.locator('[data-testid="techdocs-native-shadowroot"]');
const article = (page: Page) => shadowHost(page).locator('article');

/**
 * Waits until the backend, which builds docs ahead of their first view, has
 * published `url`; returns its file.
 */
async function published(url: string) {
  const file = path.join(
    publishDirectory,
    url.replace(/^\/docs\//, ''),
    'index.html',
  );
  await expect
    .poll(() => fs.existsSync(file), {
      timeout: 60_000,
      message: `${url} not yet published`,
    })
    .toBe(true);
  return file;
}

/**
 * What under `host` (its shadow DOM, if it has one) could run script: event
 * handler attributes, script-running URLs, and elements that run or load
 * code; and, with `styles`, in the page's article, styles other than text
 * alignment (an attr_list style could cover the reader). Styles are checked
 * on the published page alone: the reader sets styles of its own (on task
 * list labels, for one).
 */
function scriptCarriers(host: Locator, styles: boolean) {
  return host.evaluate((element, checkStyles) => {
    const root = element.shadowRoot ?? element;
    const found: string[] = [];
    for (const node of Array.from(root.querySelectorAll('*'))) {
      const tag = node.tagName.toLowerCase();
      if (
        ['script', 'iframe', 'object', 'embed', 'base', 'form'].includes(tag) ||
        (tag === 'meta' && node.hasAttribute('http-equiv'))
      ) {
        found.push(`<${tag}>`);
      }
      if (
        checkStyles &&
        node.closest('article') &&
        node.hasAttribute('style') &&
        !/^\s*text-align\s*:\s*(left|right|center)\s*;?\s*$/i.test(
          node.getAttribute('style') ?? '',
        )
      ) {
        found.push(`<${tag} style="${node.getAttribute('style')}">`);
      }
      for (const { name, value } of Array.from(node.attributes)) {
        // Browsers ignore whitespace and control characters in a scheme.
        // eslint-disable-next-line no-control-regex
        const url = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (
          /^on/i.test(name) ||
          name === 'srcdoc' ||
          /^(javascript|vbscript):|^data:(?!image\/(png|gif|jpeg|webp))/.test(
            url,
          )
        ) {
          found.push(`<${tag} ${name}="${value}">`);
        }
      }
    }
    return found;
  }, styles);
}

/**
 * Checks the page shown under `host`: its last paragraph is shown (so all
 * of it is there), every image has loaded or failed (so an onerror handler
 * would have run), every element has been hovered and focused (so would
 * onmouseover and onfocus), and nothing in it can run script.
 */
async function showsAllAndRunsNothing(
  page: Page,
  host: Locator,
  last: string,
  options: { styles: boolean },
) {
  await expect(host.getByText(last)).toBeVisible();
  await expect
    .poll(() =>
      host.evaluate(element =>
        Array.from(
          (element.shadowRoot ?? element).querySelectorAll('img'),
        ).every(img => img.complete),
      ),
    )
    .toBe(true);
  await host.evaluate(element => {
    for (const node of Array.from(
      (element.shadowRoot ?? element).querySelectorAll('*'),
    )) {
      for (const type of ['mouseover', 'focus', 'click']) {
        if (type === 'click' && node.closest('a[href], button, summary')) {
          continue;
        }
        node.dispatchEvent(new Event(type, { bubbles: true }));
      }
    }
  });
  expect(await scriptCarriers(host, options.styles)).toEqual([]);
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('a hostile docs site shows its content and runs none of its script', async ({
  page,
}) => {
  const dialogs: string[] = [];
  page.on('dialog', dialog => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const injected: string[] = [];
  page.on('console', message => {
    if (message.text().includes('greenroom-xss')) injected.push(message.text());
  });
  page.on('pageerror', error => {
    if (String(error).includes('greenroom-xss')) injected.push(String(error));
  });

  for (const { url, last } of PAGES) {
    const file = await published(url);
    await page.goto(url);
    await showsAllAndRunsNothing(page, shadowHost(page), last, {
      styles: false,
    });

    // The published page on its own, without the reader's sanitizer: what
    // the generator wrote must be safe by itself. (The backend serves it as
    // text, so the test serves it as HTML, on the portal's origin.)
    const direct = `/e2e-hostile-published${new URL(url, 'http://x').pathname}`;
    await page.route(direct, route =>
      route.fulfill({ contentType: 'text/html', body: fs.readFileSync(file) }),
    );
    await page.goto(direct);
    await showsAllAndRunsNothing(page, page.locator('html'), last, {
      styles: true,
    });
  }

  // The page whose file name is markup is a nav entry with its name as text.
  await page.goto(PAGES[0].url);
  await expect(
    shadowHost(page)
      .locator('.md-sidebar--primary a.md-nav__link')
      .filter({ hasText: 'onmouseover=' }),
  ).toHaveCount(1);
  expect(dialogs).toEqual([]);
  expect(injected).toEqual([]);
});
