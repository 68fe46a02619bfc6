import { APIRequestContext, expect } from '@playwright/test';
import fs from 'node:fs';

/** A Backstage token for the development guest user. */
export async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/auth/guest/refresh?env=development', {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  expect(res.ok()).toBeTruthy();
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** GET a backend path as the guest user and return the JSON body. */
export async function getJson(
  request: APIRequestContext,
  token: string,
  path: string,
): Promise<any> {
  const res = await request.get(path, {
    headers: { Authorization: `Bearer ${token}` },
  });
  expect(res.status(), `GET ${path}`).toBe(200);
  return res.json();
}

/** The test backend's output so far, without terminal colours. */
export function backendLog(): string {
  const file = process.env.GREENROOM_BACKEND_LOG;
  if (!file) {
    throw new Error(
      'GREENROOM_BACKEND_LOG is not set: run through playwright.config.ts',
    );
  }
  // eslint-disable-next-line no-control-regex
  return fs.readFileSync(file, 'utf8').replace(/\u001b\[[0-9;]*m/g, '');
}
