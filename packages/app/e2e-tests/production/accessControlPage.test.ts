import fs from 'node:fs';
import { expect, Page, test } from '@playwright/test';
import { matrixPeople } from './org';
import { fromSetup, signIn, waitForEntity } from './signIn';

/**
 * What people see of access control in the production portal: a member is
 * not offered what the policy denies them and an API call says why, an admin
 * grants a role on the access control page and the member can then act, and
 * the auditor records both.
 */

test.describe.configure({ mode: 'serial' });

/** The backend log's audit events (JSON lines with isAuditEvent) logged at or after `since`. */
function auditEvents(since: number): any[] {
  return fs
    .readFileSync(fromSetup('GREENROOM_PRODUCTION_LOG'), 'utf8')
    .split('\n')
    .filter(line => line.includes('"isAuditEvent":true'))
    .map(line => JSON.parse(line))
    .filter(e => Date.parse(e.timestamp) >= since);
}

async function openContextMenu(page: Page, name: string) {
  await page.goto(`/catalog/default/component/${name}`);
  await expect(page.getByRole('heading', { name }).first()).toBeVisible();
  await page.getByRole('button', { name: 'More actions' }).click();
}

test('a member cannot unregister another team’s component, and the API says why', async ({
  browser,
}) => {
  const member = await signIn(browser, 'member');
  await waitForEntity(member.page, 'component:default/payments-api');

  await openContextMenu(member.page, 'payments-api');
  await expect(
    member.page.getByRole('menuitem', { name: 'Unregister entity' }),
  ).toHaveAttribute('aria-disabled', 'true');
  // on their own team's component it is offered
  await member.page.keyboard.press('Escape');
  await openContextMenu(member.page, 'storefront-web');
  await expect(
    member.page.getByRole('menuitem', { name: 'Unregister entity' }),
  ).not.toHaveAttribute('aria-disabled', 'true');

  const entity = await (
    await member.page.request.get(
      '/api/catalog/entities/by-name/component/default/payments-api',
      { headers: { Authorization: `Bearer ${member.token}` } },
    )
  ).json();
  const deletedAt = Date.now();
  const res = await member.page.request.delete(
    `/api/catalog/entities/by-uid/${entity.metadata.uid}`,
    { headers: { Authorization: `Bearer ${member.token}` } },
  );
  expect(res.status()).toBe(403);
  const { error } = await res.json();
  expect(error.accessControl.permission).toBe('catalog.entity.delete');
  expect(error.message).toContain(
    'catalog.entity.delete is allowed to you only where owned by you or one of your groups',
  );
  expect(error.message).toMatch(/Granted by .*the platform-engineer role/);

  // the catalog audits the refused unregistering
  await expect
    .poll(() =>
      auditEvents(deletedAt).some(
        e =>
          e.plugin === 'catalog' &&
          e.status === 'failed' &&
          e.actor?.actorId === `user:default/${matrixPeople.member.uid}` &&
          JSON.stringify(e).includes(entity.metadata.uid),
      ),
    )
    .toBe(true);
  await member.context.close();
});

test('an admin grants a role on the access control page, and the member can then act; both are audited', async ({
  browser,
}) => {
  const memberRef = `user:default/${matrixPeople.member.uid}`;
  const member = await signIn(browser, 'member');
  const register = () =>
    member.page.request.post('/api/catalog/locations?dryRun=true', {
      headers: { Authorization: `Bearer ${member.token}` },
      data: {
        type: 'url',
        target: `${fromSetup(
          'GREENROOM_PRODUCTION_FILES_URL',
        )}/unregistered.yaml`,
      },
    });
  const refusedAt = Date.now();
  expect((await register()).status()).toBe(403);
  // the policy audits its outright denial
  await expect
    .poll(() =>
      auditEvents(refusedAt).some(
        e =>
          e.eventId === 'permission-denied' &&
          e.status === 'failed' &&
          e.meta?.user === memberRef &&
          e.meta?.permission === 'catalog.location.create',
      ),
    )
    .toBe(true);

  // the member's sidebar offers neither access control nor registering,
  // once the policy has answered for both
  const answered = (name: string) =>
    member.page.waitForResponse(
      r =>
        r.url().endsWith('/api/permission/authorize') &&
        (r.request().postData() ?? '').includes(`"${name}"`),
    );
  const sidebarAnswers = Promise.all([
    answered('access-control.read'),
    answered('catalog.entity.create'),
  ]);
  await member.page.goto('/');
  await sidebarAnswers;
  await expect(member.page.getByText('My team', { exact: true })).toBeVisible();
  const sidebar = member.page.getByTestId('sidebar-root');
  await expect(sidebar.getByRole('link', { name: 'Create' })).toBeVisible();
  await expect(
    sidebar.getByRole('link', { name: 'Access control' }),
  ).toHaveCount(0);
  await expect(
    sidebar.getByRole('link', { name: /^Register Exist/ }),
  ).toHaveCount(0);

  const admin = await signIn(browser, 'admin');
  await admin.page.goto('/');
  await admin.page.getByRole('link', { name: 'Access control' }).click();
  await expect(
    admin.page.getByRole('list', { name: 'Members of admin' }),
  ).toBeVisible();
  await admin.page
    .getByLabel('Role', { exact: true })
    .selectOption('platform-engineer');
  await admin.page.getByLabel('User or group').fill(memberRef);
  const grantedAt = Date.now();
  await admin.page.getByRole('button', { name: 'Grant' }).click();
  const members = admin.page.getByRole('list', {
    name: 'Members of platform-engineer',
  });
  await expect(members.getByText(memberRef)).toBeVisible();

  expect((await register()).status()).toBe(201);
  // the log is written as the backend goes: wait for the line itself
  await expect
    .poll(
      () =>
        auditEvents(grantedAt).filter(
          e =>
            e.eventId === 'role-grant' &&
            e.status === 'succeeded' &&
            e.meta?.role === 'platform-engineer' &&
            e.meta?.member === memberRef &&
            e.actor?.actorId === `user:default/${matrixPeople.admin.uid}`,
        ).length,
    )
    .toBe(1);

  // revoked on the page, the member is refused again
  await members
    .getByRole('listitem')
    .filter({ hasText: memberRef })
    .getByRole('button', { name: 'Revoke' })
    .click();
  await expect(members.getByText(memberRef)).toHaveCount(0);
  expect((await register()).status()).toBe(403);
  await admin.context.close();
  await member.context.close();
});
