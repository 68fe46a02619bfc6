import { expect, test } from '@playwright/test';
import { openShowing, signInAsGuest } from './portal';

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the home page shows the signed-in user their team and its components', async ({
  page,
}) => {
  // The guest user is a member of the payments team, which owns two components.
  // (the team links from both "My team" and "My team's scorecards")
  await openShowing(page, '/', [
    page.getByText('4 members · 2 components'),
    page.getByRole('link', { name: 'Payments Service' }),
    page.getByRole('link', { name: 'Fraud Detector' }),
  ]);
  await expect(page.getByText('My team', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments Team' }).first(),
  ).toBeVisible();
  await expect(
    page.getByText("My team's scorecards", { exact: true }),
  ).toBeVisible();
});

test('the catalog list filters by kind', async ({ page }) => {
  // The API list first: the test switches to it below, on one page load.
  await openShowing(page, '/catalog?filters[kind]=api&filters[user]=all', [
    page.getByRole('link', { name: 'Orders API' }),
  ]);
  await openShowing(
    page,
    '/catalog?filters[kind]=component&filters[user]=all',
    [page.getByRole('link', { name: 'Orders Service' })],
  );
  await expect(page.getByRole('link', { name: 'Orders API' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Component' }).first().click();
  await page.getByRole('option', { name: 'API' }).click();
  await expect(page.getByRole('link', { name: 'Orders API' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Orders Service' })).toHaveCount(
    0,
  );
});

test('an entity page shows its relations and its graph', async ({ page }) => {
  const graph = page.locator('svg#dependency-graph');
  // Each node is a group titled with its entity ref, labelled with its title.
  const node = (ref: string) =>
    graph.locator('g', { has: page.locator(`title:text-is("${ref}")`) }).last();
  await openShowing(page, '/catalog/default/component/orders-service', [
    page.getByRole('heading', { name: 'Orders Service' }).first(),
    node('resource:default/orders-db'),
    node('group:default/team-fulfillment'),
    node('api:default/orders-api'),
    page.getByRole('link', { name: 'Orders API' }).first(),
  ]);
  await expect(
    page.getByRole('heading', { name: 'Provided APIs' }),
  ).toBeVisible();
});

test("an API's definition renders", async ({ page }) => {
  // Swagger UI renders the operations of the OpenAPI document.
  await openShowing(page, '/catalog/default/api/orders-api/definition', [
    page.locator('.swagger-ui .opblock').first(),
  ]);
  await expect(page.locator('.swagger-ui')).toContainText('/orders');
});

test('search finds a component', async ({ page }) => {
  test.setTimeout(120_000);
  // The catalog collator indexes the demo on its first run after start-up.
  await openShowing(
    page,
    '/search?query=transactional%20outbox',
    [page.getByRole('link', { name: /Orders Service/ }).first()],
    { timeout: 90_000 },
  );
});

test('a group page lists its members', async ({ page }) => {
  await openShowing(page, '/catalog/default/group/team-payments', [
    page.getByText('Guest Developer').first(),
    page.getByText('Daniel Okafor').first(),
  ]);
});
