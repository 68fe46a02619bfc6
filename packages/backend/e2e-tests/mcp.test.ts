import { expect, test } from '@playwright/test';
import { connectMcp, McpTestClient } from '@internal/test-utils';
import { backendLog, guestToken } from './api';

/**
 * The MCP server of the running backend, as a coding agent uses it: the
 * official SDK's client over Streamable HTTP, signed in as the development
 * guest. The questions of an engineer's agent: who owns payments-service,
 * which of its checks fail and how to fix them, where its runbook is.
 */

const MCP_URL = 'http://localhost:7007/api/mcp-actions/v1';
let agent: McpTestClient;

test.beforeAll(async ({ request }) => {
  agent = await connectMcp(MCP_URL, `Bearer ${await guestToken(request)}`);
});
test.afterAll(async () => {
  await agent?.close();
});

test('lists the catalog, scaffolder, docs, search and scorecards tools', async () => {
  expect(await agent.toolNames()).toEqual(
    expect.arrayContaining([
      'auth.who-am-i',
      'catalog.get-catalog-entity',
      'catalog.query-catalog-entities',
      'scaffolder.execute-template',
      'scaffolder.list-golden-paths',
      'scaffolder.dry-run-golden-path',
      'scaffolder.create-from-golden-path',
      'scaffolder.get-golden-path-run',
      'scorecards.get-entity-scorecards',
      'scorecards.get-team-worst-checks',
      'scorecards.list-check-entities',
      'search.query',
      'techdocs.search-docs',
      'techdocs.read-docs-page',
    ]),
  );
});

test('answers who owns payments-service, and which of its checks fail with their fixes', async () => {
  const entity = await agent.call('catalog.get-catalog-entity', {
    name: 'payments-service',
  });
  expect(entity.structured.spec.owner).toBe('team-payments');

  let scores: any;
  await expect(async () => {
    scores = (
      await agent.call('scorecards.get-entity-scorecards', {
        entityRef: 'payments-service',
      })
    ).structured;
    expect(scores?.scorecards.map((s: any) => s.scorecardId).sort()).toEqual([
      'documentation',
      'ownership',
      'production-readiness',
    ]);
  }).toPass({ timeout: 90_000, intervals: [1_000] });
  expect(scores.entityRef).toBe('component:default/payments-service');
  for (const scorecard of scores.scorecards) {
    for (const check of scorecard.checksToFix) {
      expect(check.fix, `${scorecard.scorecardId}/${check.checkId}`).toEqual(
        expect.any(String),
      );
    }
  }
});

test('reads the runbook as Markdown, once its docs are built', async () => {
  let page: any;
  await expect(async () => {
    const answer = await agent.call('techdocs.read-docs-page', {
      entityRef: 'component:default/payments-service',
      path: 'runbook',
    });
    expect(answer.text).not.toMatch(/not built yet/);
    page = answer.structured;
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  expect(page).toMatchObject({
    entityRef: 'component:default/payments-service',
    path: 'runbook',
    title: 'Runbook',
    format: 'markdown',
    truncated: false,
    url: 'http://localhost:7007/docs/default/component/payments-service/runbook/',
  });
  expect(page.content).toMatch(/^# Runbook\n/);
  expect(page.content).toContain('## PSP degraded');
  expect(page.content).toMatch(/\| `PaymentsAuthErrorRateHigh` +\| page +\|/);
  expect(page.content).toContain(
    '```bash\nkubectl -n payments exec deploy/payments-service -- \\',
  );

  const text = await agent.call('techdocs.read-docs-page', {
    entityRef: 'payments-service',
    path: 'runbook.md',
    format: 'text',
  });
  expect(text.structured.content).toMatch(/^Runbook\n/);
  expect(text.structured.content).not.toContain('|');
});

test('names a missing page with the pages there are, and an unknown entity', async () => {
  await expect(async () => {
    const missing = await agent.call('techdocs.read-docs-page', {
      entityRef: 'payments-service',
      path: 'no-such-page',
    });
    expect(missing.isError).toBe(true);
    expect(missing.text).toMatch(
      /^NotFoundError: The docs of component:default\/payments-service have no page 'no-such-page'; its pages: .*'runbook'/,
    );
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  await expect(
    agent.call('techdocs.read-docs-page', { entityRef: 'no-such-service' }),
  ).resolves.toMatchObject({
    isError: true,
    text: 'NotFoundError: No entity component:default/no-such-service',
  });
  await expect(
    agent.call('techdocs.read-docs-page', {
      entityRef: 'payments-service',
      path: '../../etc/passwd',
    }),
  ).resolves.toMatchObject({
    isError: true,
    text: "InputError: The page '../../etc/passwd' is outside the docs site",
  });
});

test('finds the runbook by searching the docs', async () => {
  let results: any[] = [];
  await expect(async () => {
    results = (
      await agent.call('techdocs.search-docs', {
        query: 'PSP degraded failover',
        entityRef: 'payments-service',
      })
    ).structured.results;
    expect(results.map(r => r.path)).toContain('runbook');
  }).toPass({ timeout: 120_000, intervals: [2_000] });
  const runbook = results.find(r => r.path === 'runbook');
  expect(runbook).toMatchObject({
    entityRef: 'component:default/payments-service',
    url: 'http://localhost:7007/docs/default/component/payments-service/runbook/',
  });
  expect(runbook.snippet).toEqual(expect.any(String));
});

test('audits every tool call with who made it, the tool and its outcome', async () => {
  // tools this file calls nowhere else
  expect((await agent.call('auth.who-am-i')).isError, 'who-am-i answers').toBe(
    false,
  );
  expect(
    (
      await agent.call('scorecards.list-check-entities', {
        scorecardId: 'no-such-scorecard',
        checkId: 'x',
      })
    ).isError,
  ).toBe(true);
  const audited = (tool: string, status: string) =>
    backendLog()
      .split('\n')
      .some(
        line =>
          line.includes('mcp-actions.tool-execution') &&
          line.includes('"actorId":"user:default/guest"') &&
          line.includes(`"toolName":"${tool}"`) &&
          line.includes(`status="${status}"`),
      );
  await expect
    .poll(() => audited('auth.who-am-i', 'succeeded'), { timeout: 10_000 })
    .toBe(true);
  await expect
    .poll(() => audited('scorecards.list-check-entities', 'failed'), {
      timeout: 10_000,
    })
    .toBe(true);
});

test('refuses a caller without a token', async () => {
  await expect(connectMcp(MCP_URL)).rejects.toThrow(/401/);
});
