import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openShowing, signInAsGuest } from './portal';
import {
  GRAPH_HUB,
  GRAPH_PARTS,
  GRAPH_USERS_PER_STORE,
  graphCatalogYaml,
} from './fixtures/catalogGraph';

// The local-repositories provider ingests every folder here with a
// catalog-info.yaml (app-config.e2e.yaml; globalSetup empties it), within a
// minute of the file appearing.
const fixtureFile = path.resolve(
  __dirname,
  '../../../.data/e2e-repositories/e2e-catalog-graph/catalog-info.yaml',
);

const hubPage = `/catalog-graph?rootEntityRefs[]=${encodeURIComponent(
  GRAPH_HUB,
)}`;
// the hub, its parts and their stores: 2 relations away
const WITHIN_TWO = 1 + 2 * GRAPH_PARTS;
const FURTHER = GRAPH_PARTS * GRAPH_USERS_PER_STORE;

test.beforeAll(() => {
  fs.mkdirSync(path.dirname(fixtureFile), { recursive: true });
  fs.writeFileSync(fixtureFile, graphCatalogYaml());
});

test.beforeEach(async ({ page }) => {
  await signInAsGuest(page);
});

test('the graph page shows a bounded graph of a large system, says so, and goes deeper on request', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const nodes = page.locator('svg#dependency-graph g[data-testid=node]');
  const node = (ref: string) =>
    nodes.filter({ has: page.locator(`title:text-is("${ref}")`) });
  const notice = page.getByRole('alert');

  // 2 relations away by default: the stores, none of their users
  await openShowing(
    page,
    hubPage,
    [
      node('resource:default/e2e-graph-store-39'),
      notice.filter({ hasText: `${FURTHER} more entities` }),
    ],
    { timeout: 180_000 },
  );
  await expect(nodes).toHaveCount(WITHIN_TWO);
  await expect(node('component:default/e2e-graph-user-00-0')).toHaveCount(0);
  await expect(notice).toHaveText(
    `The graph is limited to 2 relations away; ${FURTHER} more entities are one level further.Go one level deeper`,
  );

  // one level deeper: more than the node limit, so the 100 nearest
  await notice.getByRole('button', { name: 'Go one level deeper' }).click();
  await expect(nodes).toHaveCount(100);
  await expect(page).toHaveURL(/maxDepth=3/);
  await expect(notice).toContainText(
    `The graph is limited to the 100 nearest entities; at least ${
      WITHIN_TWO + FURTHER - 100
    } more are related.`,
  );

  // 100 more, twice: all of them
  const showMore = notice.getByRole('button', { name: 'Show 100 more' });
  await showMore.click();
  await expect(nodes).toHaveCount(200);
  await expect(notice).toContainText(
    `at least ${WITHIN_TWO + FURTHER - 200} more are related.`,
  );
  await showMore.click();
  await expect(nodes).toHaveCount(WITHIN_TWO + FURTHER);
  await expect(node('component:default/e2e-graph-user-39-3')).toHaveCount(1);
  await expect(notice).toHaveCount(0);
});
