import crypto from 'node:crypto';

const base64url = (value: object) =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

/**
 * A token for the backend's API signed with BACKEND_SECRET, as a company's
 * own scripts would make one: Backstage accepts an HS256 JWT for
 * `backstage-server` signed with a `backend.auth.keys` secret (base64).
 */
export function serviceToken(backendSecret: string): string {
  const header = base64url({ alg: 'HS256', typ: 'JWT' });
  const payload = base64url({
    sub: 'backstage-server',
    exp: Math.floor(Date.now() / 1000) + 3600,
  });
  const signature = crypto
    .createHmac('sha256', Buffer.from(backendSecret, 'base64'))
    .update(`${header}.${payload}`)
    .digest('base64url');
  return `${header}.${payload}.${signature}`;
}
