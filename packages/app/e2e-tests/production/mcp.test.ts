import { expect, test } from '@playwright/test';
import { connectMcp, McpTestClient, McpToolAnswer } from '@internal/test-utils';
import { fromSetup, signIn, waitForEntity } from './signIn';

/**
 * Agents act as their user, with the user's permissions: the production
 * backend with the shipped roles, a member and an admin signed in through
 * OpenID Connect, and each one's agent (the MCP SDK's client with the
 * person's token) asking the MCP server what the UI would let them see and
 * do. The member may read and run only the recommended template.
 */

test.describe.configure({ mode: 'serial' });

const agents = {} as Record<'member' | 'admin', McpTestClient>;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(240_000);
  for (const who of ['member', 'admin'] as const) {
    const { context, page, token } = await signIn(browser, who);
    await waitForEntity(page, 'template:default/matrix-restricted');
    await waitForEntity(page, 'template:default/matrix-recommended');
    await context.close();
    agents[who] = await connectMcp(
      `${fromSetup('GREENROOM_PRODUCTION_URL')}/api/mcp-actions/v1`,
      `Bearer ${token}`,
    );
  }
});

/** A tool's answer, or a call the server failed (a JSON-RPC error) as an error answer without output. */
const answerOrRejection = (call: Promise<McpToolAnswer>) =>
  call.catch(
    (e): McpToolAnswer => ({
      isError: true,
      text: String(e),
      structured: undefined,
    }),
  );

test.afterAll(async () => {
  await Promise.all(Object.values(agents).map(a => a.close()));
});

test("a member's agent does not see a template the member may not read; an admin's does", async () => {
  const restricted = { kind: 'Template', name: 'matrix-restricted' };
  await expect(
    agents.member.call('catalog.get-catalog-entity', restricted),
  ).resolves.toMatchObject({
    isError: true,
    text: 'InputError: No entity found with name "matrix-restricted"',
  });
  expect(
    (await agents.admin.call('catalog.get-catalog-entity', restricted))
      .structured.metadata.name,
  ).toBe('matrix-restricted');

  const listed = async (who: 'member' | 'admin') =>
    (
      await agents[who].call('scaffolder.list-golden-paths')
    ).structured.templates.map((t: any) => t.templateRef);
  expect(await listed('member')).toContain(
    'template:default/matrix-recommended',
  );
  expect(await listed('member')).not.toContain(
    'template:default/matrix-restricted',
  );
  expect(await listed('admin')).toContain('template:default/matrix-restricted');
});

test("a member's agent runs the recommended template, and cannot run the other one", async () => {
  const recommended = await agents.member.call(
    'scaffolder.create-from-golden-path',
    { templateRef: 'matrix-recommended', values: {} },
  );
  expect(recommended.structured).toMatchObject({ status: 'completed' });

  await expect(
    agents.member.call('scaffolder.create-from-golden-path', {
      templateRef: 'matrix-restricted',
      values: {},
    }),
  ).resolves.toMatchObject({
    isError: true,
    text: 'NotFoundError: No template template:default/matrix-restricted',
  });
  // nor through the scaffolder's own action, which fails on the 404 (its
  // client throws a plain error, which the MCP server answers with a 500)
  const stock = await answerOrRejection(
    agents.member.call('scaffolder.execute-template', {
      templateRef: 'template:default/matrix-restricted',
      values: {},
    }),
  );
  expect(stock).toMatchObject({ isError: true, structured: undefined });

  // a dry run needs scaffolder.template.dry-run, which members do not hold
  const dryRun = await answerOrRejection(
    agents.member.call('scaffolder.dry-run-golden-path', {
      templateRef: 'matrix-recommended',
      values: {},
    }),
  );
  expect(dryRun).toMatchObject({ isError: true, structured: undefined });
});

test("a member's agent may not change what the member may not", async () => {
  const payments = { kind: 'Component', name: 'payments-api' };
  const refresh = await agents.member.call(
    'catalog.refresh-catalog-entity',
    payments,
  );
  expect(refresh.isError).toBe(true);
  // the catalog client drops the 403's reason: the agent reads only the name
  expect(refresh.text).toMatch(/^NotAllowedError/);
  const admin = await agents.admin.call(
    'catalog.refresh-catalog-entity',
    payments,
  );
  expect(admin.isError).toBe(false);
});

test('a token that is not a Backstage one is refused', async () => {
  await expect(
    connectMcp(
      `${fromSetup('GREENROOM_PRODUCTION_URL')}/api/mcp-actions/v1`,
      'Bearer not-a-token',
    ),
  ).rejects.toThrow(/401/);
});
