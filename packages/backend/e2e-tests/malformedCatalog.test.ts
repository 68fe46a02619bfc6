import { expect, test } from '@playwright/test';
import { backendLog, getJson, guestToken } from './api';

const fixtures = 'e2e-tests/fixtures/malformed';
const pollOptions = { timeout: 60_000 };

/** The backend's log lines so far that name this file. */
function linesNaming(file: string): string[] {
  return backendLog()
    .split('\n')
    .filter(line => line.includes(file));
}

test.describe('a malformed catalog file', () => {
  let token: string;

  test.beforeAll(async ({ request }) => {
    token = await guestToken(request);
  });

  test('loses only its invalid entities', async ({ request }) => {
    // its valid file, and the other catalog files, are ingested
    await expect(async () => {
      for (const name of ['e2e-survivor', 'orders-service']) {
        const entity = await getJson(
          request,
          token,
          `/api/catalog/entities/by-name/component/default/${name}`,
        );
        expect(entity.metadata.name).toBe(name);
      }
    }).toPass({ timeout: 60_000, intervals: [1_000] });
  });

  test('a YAML syntax error is logged with its path and reason', async () => {
    await expect
      .poll(() => linesNaming(`${fixtures}/syntax-error.yaml`), pollOptions)
      .toContainEqual(expect.stringMatching(/YAML error/i));
  });

  test('an unknown kind is logged with its path and the kind', async () => {
    await expect
      .poll(() => linesNaming(`${fixtures}/unknown-kind.yaml`), pollOptions)
      .toContainEqual(
        expect.stringMatching(
          /gizmo:default\/e2e-unknown-kind .*is not of an allowed kind/,
        ),
      );
  });

  test('an invalid name is logged with its path and the name', async () => {
    await expect
      .poll(() => linesNaming(`${fixtures}/invalid-name.yaml`), pollOptions)
      .toContainEqual(
        expect.stringMatching(
          /Not A Valid Name!.*metadata\.name|metadata\.name.*Not A Valid Name!/,
        ),
      );
  });
});
