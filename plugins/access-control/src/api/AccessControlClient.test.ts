/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { AccessControlClient } from './AccessControlClient';

const baseUrl = 'http://localhost:7007/api/permission';

function setup(response: Response) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => response);
  const getBaseUrl = jest.fn(async () => baseUrl);
  const client = new AccessControlClient({
    discoveryApi: { getBaseUrl },
    fetchApi: { fetch },
  });
  return { client, fetch, getBaseUrl };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

const refusal = (status: number, name: string, message: string) =>
  json({ error: { name, message }, response: { statusCode: status } }, status);

describe('AccessControlClient', () => {
  it('lists the roles from the permission base URL', async () => {
    const roles = { defaultRole: 'member', roles: [], permissions: [] };
    const { client, fetch, getBaseUrl } = setup(json(roles));

    await expect(client.listRoles()).resolves.toEqual(roles);
    expect(getBaseUrl).toHaveBeenCalledWith('permission');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/access-control/roles`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it('grants a role to a member, with the role in the path', async () => {
    const member = {
      member: 'group:default/team-payments',
      source: 'access control page',
    };
    const { client, fetch } = setup(json(member, 201));

    await expect(
      client.grantRole('platform-engineer', 'group:default/team-payments'),
    ).resolves.toEqual(member);
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/access-control/roles/platform-engineer/members`,
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ member: 'group:default/team-payments' }),
      }),
    );
  });

  it('revokes a role, answered without a body', async () => {
    const { client, fetch } = setup(new Response(null, { status: 204 }));

    await expect(
      client.revokeRole('admin', 'user:default/bob'),
    ).resolves.toBeUndefined();
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/access-control/roles/admin/members/revoke`,
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify({ member: 'user:default/bob' }),
      }),
    );
  });

  it('exports the policy and simulates a decision', async () => {
    const exported = { fileName: 'policy.yaml', content: 'roles: {}\n' };
    const first = setup(json(exported));
    await expect(first.client.exportPolicy()).resolves.toEqual(exported);
    expect(first.fetch).toHaveBeenCalledWith(
      `${baseUrl}/access-control/export`,
      expect.objectContaining({ method: 'GET' }),
    );

    const decision = { result: 'ALLOW', roles: ['admin'], grantedBy: [] };
    const second = setup(json(decision));
    const request = {
      user: 'user:default/alice',
      permission: 'catalog.entity.delete',
      entityRef: 'component:default/payments-service',
    };
    await expect(second.client.simulate(request)).resolves.toEqual(decision);
    expect(second.fetch).toHaveBeenCalledWith(
      `${baseUrl}/access-control/simulate`,
      expect.objectContaining({
        method: 'POST',
        body: JSON.stringify(request),
      }),
    );
  });

  it("throws the backend's refusal as a ResponseError with its status and message", async () => {
    const { client } = setup(
      refusal(409, 'ConflictError', 'user:default/bob is the last admin'),
    );

    const error = await client
      .revokeRole('admin', 'user:default/bob')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.name).toBe('ConflictError');
    expect(error.cause.message).toBe('user:default/bob is the last admin');
  });

  it('throws a 403 from listing the roles', async () => {
    const { client } = setup(
      refusal(403, 'NotAllowedError', 'access-control.read is denied'),
    );

    const error = await client.listRoles().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
  });
});
