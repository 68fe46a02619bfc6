import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { LocalRepositoriesProvider } from './LocalRepositoriesProvider';

describe('LocalRepositoriesProvider', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'local-repos-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("gives the entities of each repository's catalog-info.yaml, annotated with the file, and reports a broken file", async () => {
    for (const name of [
      'billing',
      'broken',
      'no-catalog-file',
      '.creating-x-123',
    ]) {
      fs.mkdirSync(path.join(root, name));
    }
    fs.writeFileSync(
      path.join(root, 'billing/catalog-info.yaml'),
      'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: billing\nspec:\n  type: service\n---\napiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: billing-api\n---\napiVersion: backstage.io/v1alpha1\nkind: Location\nmetadata:\n  name: sneaky\nspec:\n  type: file\n  target: /etc/*\n',
    );
    fs.writeFileSync(
      path.join(root, 'broken/catalog-info.yaml'),
      'kind: [unclosed\n',
    );
    fs.writeFileSync(
      path.join(root, '.creating-x-123/catalog-info.yaml'),
      'kind: Component\n',
    );

    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const logger = mockServices.logger.mock();
    await new LocalRepositoriesProvider(root, logger).connect(connection);

    const location = `file:${path.join(root, 'billing/catalog-info.yaml')}`;
    const annotations = {
      'backstage.io/managed-by-location': location,
      'backstage.io/managed-by-origin-location': location,
    };
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [
        {
          locationKey: 'local-repositories',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'billing', annotations },
            spec: { type: 'service' },
          },
        },
        {
          locationKey: 'local-repositories',
          entity: {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'API',
            metadata: { name: 'billing-api', annotations },
          },
        },
      ],
    });
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringContaining(
        `${path.join(root, 'broken/catalog-info.yaml')} cannot be read:`,
      ),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      `${path.join(
        root,
        'billing/catalog-info.yaml',
      )}: kind Location is not taken from local repositories`,
    );
  });

  it('gives nothing when the folder does not exist yet', async () => {
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    await new LocalRepositoriesProvider(
      path.join(root, 'missing'),
      mockServices.logger.mock(),
    ).connect(connection);
    expect(connection.applyMutation).toHaveBeenCalledWith({
      type: 'full',
      entities: [],
    });
  });
});
