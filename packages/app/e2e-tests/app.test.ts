import { expect, Page, test } from '@playwright/test';

async function signInAsGuest(page: Page) {
  await page.goto('/');
  await expect(page.getByText('Welcome to Greenroom')).toBeVisible();
  await page.getByRole('button', { name: 'Enter' }).click();
  await expect(
    page.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the home page shows the signed-in user their team and its components', async ({
  page,
}) => {
  await expect(page.getByText('My team', { exact: true })).toBeVisible();
  // The guest user is a member of the payments team, which owns two components.
  // (the team links from both "My team" and "My team's scorecards")
  await expect(
    page.getByRole('link', { name: 'Payments Team' }).first(),
  ).toBeVisible();
  await expect(page.getByText('4 members · 2 components')).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Payments Service' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Fraud Detector' }),
  ).toBeVisible();
  await expect(
    page.getByText("My team's scorecards", { exact: true }),
  ).toBeVisible();
});

test('the catalog list filters by kind', async ({ page }) => {
  await page.goto('/catalog?filters[kind]=component&filters[user]=all');
  await expect(
    page.getByRole('link', { name: 'Orders Service' }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: 'Orders API' })).toHaveCount(0);

  await page.getByRole('button', { name: 'Component' }).first().click();
  await page.getByRole('option', { name: 'API' }).click();
  await expect(page.getByRole('link', { name: 'Orders API' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Orders Service' })).toHaveCount(
    0,
  );
});

test('an entity page shows its relations and its graph', async ({ page }) => {
  await page.goto('/catalog/default/component/orders-service');
  await expect(
    page.getByRole('heading', { name: 'Orders Service' }).first(),
  ).toBeVisible();

  const graph = page.locator('svg#dependency-graph');
  await expect(graph).toBeVisible();
  // Each node is a group titled with its entity ref, labelled with its title.
  const node = (ref: string) =>
    graph.locator('g', { has: page.locator(`title:text-is("${ref}")`) }).last();
  await expect(node('resource:default/orders-db')).toBeVisible();
  await expect(node('group:default/team-fulfillment')).toBeVisible();
  await expect(node('api:default/orders-api')).toBeVisible();

  await expect(
    page.getByRole('heading', { name: 'Provided APIs' }),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Orders API' }).first(),
  ).toBeVisible();
});

test("an API's definition renders", async ({ page }) => {
  await page.goto('/catalog/default/api/orders-api/definition');
  // Swagger UI renders the operations of the OpenAPI document.
  await expect(page.locator('.swagger-ui .opblock').first()).toBeVisible();
  await expect(page.locator('.swagger-ui')).toContainText('/orders');
});

test('search finds a component', async ({ page }) => {
  await page.goto('/search?query=transactional%20outbox');
  await expect(
    page.getByRole('link', { name: /Orders Service/ }).first(),
  ).toBeVisible({
    timeout: 60_000,
  });
});

test('a group page lists its members', async ({ page }) => {
  await page.goto('/catalog/default/group/team-payments');
  await expect(page.getByText('Guest Developer').first()).toBeVisible();
  await expect(page.getByText('Daniel Okafor').first()).toBeVisible();
});
