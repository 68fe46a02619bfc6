import { Browser, BrowserContext, expect, Page } from '@playwright/test';
import { matrixPeople, MatrixWho } from './org';
import { serviceToken } from './serviceToken';

/** Set by globalSetup.ts, for this process. */
export function fromSetup(name: string): string {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set: run through playwright.config.ts`);
  }
  return value;
}

/** Waits until the catalog has `ref` (asked with a service token, which reads everything). */
export async function waitForEntity(page: Page, ref: string) {
  const [kind, rest] = ref.split(':');
  const url = `/api/catalog/entities/by-name/${kind}/${rest}`;
  await expect
    .poll(
      async () =>
        (
          await page.request.get(url, {
            headers: {
              Authorization: `Bearer ${serviceToken(
                fromSetup('GREENROOM_PRODUCTION_SECRET'),
              )}`,
            },
          })
        ).status(),
      { message: `${ref} in the catalog`, timeout: 120_000 },
    )
    .toBe(200);
}

/**
 * On the sign-in page: signs `login` in through the OIDC provider's popup,
 * its sign-in page and then its consent page, as a person would.
 */
export async function signInThroughProvider(page: Page, login: string) {
  const popupOpened = page.waitForEvent('popup');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const popup = await popupOpened;
  await popup.locator('input[name="login"]').fill(login);
  await popup.locator('input[name="password"]').fill('any password');
  await popup.getByRole('button', { name: 'Sign-in' }).click();
  await popup.getByRole('button', { name: 'Continue' }).click();
  await popup.waitForEvent('close');
}

/**
 * Signs one of the matrix's people in through the OIDC provider's pages, as a
 * person would, in a browser context of their own: the page, signed in, and
 * their Backstage token. Waits first for their User entity, which the LDAP
 * provider brings in after start: sign-in resolves the email to it.
 */
export async function signIn(
  browser: Browser,
  who: MatrixWho,
): Promise<{ context: BrowserContext; page: Page; token: string }> {
  const context = await browser.newContext({
    baseURL: fromSetup('GREENROOM_PRODUCTION_URL'),
  });
  const page = await context.newPage();
  await waitForEntity(page, `user:default/${matrixPeople[who].uid}`);
  await page.goto('/');
  await signInThroughProvider(page, matrixPeople[who].login);
  const refresh = await page.request.get(
    '/api/auth/oidc/refresh?optional&env=production',
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(refresh.status(), `${who} signed in`).toBe(200);
  const session = await refresh.json();
  expect(session.backstageIdentity.identity.userEntityRef).toBe(
    `user:default/${matrixPeople[who].uid}`,
  );
  return { context, page, token: session.backstageIdentity.token };
}
