import { APIRequestContext, expect, test } from '@playwright/test';
import { person, team } from './org';
import { serviceToken } from './serviceToken';

/** Set by globalSetup.ts, for this process. */
function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run through playwright.config.ts`);
  }
  return value;
}

/** GET the User entity of `uid` with a service token. */
function getUser(request: APIRequestContext, uid: string) {
  return request.get(`/api/catalog/entities/by-name/user/default/${uid}`, {
    headers: {
      Authorization: `Bearer ${serviceToken(
        fromSetup('GREENROOM_PRODUCTION_SECRET'),
      )}`,
    },
  });
}

test('a person signs in through OpenID Connect as the User that LDAP brought in, and sees their team', async ({
  page,
  request,
}) => {
  // The LDAP provider's first run is 10 s after start, then the catalog
  // processes what it read.
  await expect
    .poll(async () => (await getUser(request, person.uid)).status(), {
      message: `user:default/${person.uid} in the catalog`,
      timeout: 60_000,
    })
    .toBe(200);
  const user = await (await getUser(request, person.uid)).json();
  expect(user.metadata.annotations['backstage.io/ldap-dn']).toBe(
    `uid=${person.uid},${fromSetup('GREENROOM_PRODUCTION_LDAP_USERS_DN')}`,
  );
  expect(user.spec.profile.email).toBe(person.email);

  await page.goto('/');
  await expect(page.getByText('Single sign-on', { exact: true })).toBeVisible();
  // production offers no guest sign-in
  await expect(page.getByRole('button', { name: 'Enter' })).toHaveCount(0);

  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const popup = await popupOpened;
  // the provider's own sign-in page, then its consent page
  await popup.locator('input[name="login"]').fill(person.login);
  await popup.locator('input[name="password"]').fill('any password');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await popup.waitForEvent('close');

  // The home page's "My team" card, the first to link the team: the team
  // LDAP says they are in, with both its members.
  await expect(page.getByText('My team', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('link', { name: team.cn }).first(),
  ).toHaveAttribute('href', `/catalog/default/group/${team.cn}`);
  await expect(
    page.getByText(`${team.description} 2 members · 0 components`),
  ).toBeVisible();

  // The session is that User's: the email, not the login, picked it.
  const refresh = await page.request.get(
    '/api/auth/oidc/refresh?optional&env=production',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(refresh.status()).toBe(200);
  const session = await refresh.json();
  expect(session.backstageIdentity.identity.userEntityRef).toBe(
    `user:default/${person.uid}`,
  );
  expect(session.backstageIdentity.identity.ownershipEntityRefs).toEqual(
    expect.arrayContaining([`group:default/${team.cn}`]),
  );
});

test('guest sign-in and API calls without a token are refused', async ({
  request,
}) => {
  for (const env of ['development', 'production']) {
    const guest = await request.get(`/api/auth/guest/refresh?env=${env}`, {
      headers: { 'X-Requested-With': 'XMLHttpRequest' },
    });
    expect(guest.status(), `guest sign-in (env=${env})`).toBe(404);
  }
  const entities = await request.get('/api/catalog/entities');
  expect(entities.status()).toBe(401);
});
