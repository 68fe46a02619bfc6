import { expect, test } from '@playwright/test';
import { backendLog, getJson, guestToken } from './api';

const fixtures = 'e2e-tests/fixtures/malformed';

test.describe('a malformed catalog file', () => {
  let token: string;

  test.beforeAll(async ({ request }) => {
    token = await guestToken(request);
  });

  test('loses only its invalid entities', async ({ request }) => {
    await expect
      .poll(async () => {
        const res = await request.get(
          '/api/catalog/entities/by-name/component/default/e2e-survivor',
          { headers: { Authorization: `Bearer ${token}` } },
        );
        return res.status();
      })
      .toBe(200);
    const orders = await getJson(
      request,
      token,
      '/api/catalog/entities/by-name/component/default/orders-service',
    );
    expect(orders.metadata.name).toBe('orders-service');
  });

  test('a YAML syntax error is logged with its path and reason', async () => {
    await expect
      .poll(() =>
        backendLog()
          .split('\n')
          .find(line => line.includes(`${fixtures}/syntax-error.yaml`)),
      )
      .toMatch(/YAML error/i);
  });

  test('an unknown kind is logged with its path and the kind', async () => {
    await expect
      .poll(() =>
        backendLog()
          .split('\n')
          .find(line => line.includes(`${fixtures}/unknown-kind.yaml`)),
      )
      .toMatch(/gizmo:default\/e2e-unknown-kind .*is not of an allowed kind/);
  });

  test('an invalid name is logged with its path and the name', async () => {
    await expect
      .poll(() =>
        backendLog()
          .split('\n')
          .find(
            line =>
              line.includes(`${fixtures}/invalid-name.yaml`) &&
              line.includes('Not A Valid Name!'),
          ),
      )
      .toMatch(/metadata\.name/);
  });
});
