/**
 * @jest-environment node
 */
import { ResponseError } from '@backstage/errors';
import { SetupClient } from './SetupClient';

const baseUrl = 'http://localhost:7007/api/setup';

function setup(response: Response) {
  const fetch = jest.fn(async (_input: any, _init?: RequestInit) => response);
  const getBaseUrl = jest.fn(async () => baseUrl);
  const client = new SetupClient({
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

describe('SetupClient', () => {
  it('reads the status from the setup base URL', async () => {
    const status = { signIn: { environment: 'production', providers: [] } };
    const { client, fetch, getBaseUrl } = setup(json(status));

    await expect(client.getStatus()).resolves.toEqual(status);
    expect(getBaseUrl).toHaveBeenCalledWith('setup');
    expect(fetch).toHaveBeenCalledWith(
      `${baseUrl}/status`,
      expect.objectContaining({ method: 'GET' }),
    );
  });

  it("throws the backend's refusal as a ResponseError with its status", async () => {
    const { client } = setup(
      json(
        {
          error: { name: 'NotAllowedError', message: 'Only Greenroom admins' },
          response: { statusCode: 403 },
        },
        403,
      ),
    );

    const error = await client.getStatus().catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(403);
    expect(error.cause.name).toBe('NotAllowedError');
  });
});
