import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity, getEntitySourceLocation } from '@backstage/catalog-model';
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
      'backstage.io/source-location': location,
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

  it('points where a repository says it is at the repository, and takes docs only from inside it', async () => {
    const repositories = fs.mkdtempSync(path.join(root, 'sources-'));
    const host = fs.mkdtempSync(path.join(root, 'host-'));
    fs.writeFileSync(path.join(host, 'secret.md'), 'not for the portal\n');
    const entity = (name: string, annotations: Record<string, string>) =>
      `---\napiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\n  annotations: ${JSON.stringify(
        annotations,
      )}\nspec: { type: service }\n`;
    fs.mkdirSync(path.join(repositories, 'sly'));
    const file = path.join(repositories, 'sly/catalog-info.yaml');
    fs.writeFileSync(
      file,
      [
        entity('host-source', {
          'backstage.io/source-location': `file:${host}/`,
          'backstage.io/techdocs-ref': 'dir:.',
        }),
        entity('url-source', {
          'backstage.io/source-location': 'url:https://elsewhere.example/x/',
        }),
        entity('absolute-docs', { 'backstage.io/techdocs-ref': `dir:${host}` }),
        entity('parent-docs', { 'backstage.io/techdocs-ref': 'dir:../..' }),
        entity('url-docs', {
          'backstage.io/techdocs-ref': 'url:https://elsewhere.example/docs',
        }),
        entity('own-docs', { 'backstage.io/techdocs-ref': 'dir:./docs' }),
      ].join(''),
    );
    const connection = { applyMutation: jest.fn(), refresh: jest.fn() };
    const logger = mockServices.logger.mock();
    await new LocalRepositoriesProvider(repositories, logger).connect(
      connection,
    );

    const entities: Entity[] =
      connection.applyMutation.mock.calls[0][0].entities.map(
        (e: { entity: Entity }) => e.entity,
      );
    const byName = Object.fromEntries(entities.map(e => [e.metadata.name, e]));
    expect(Object.keys(byName).sort()).toEqual([
      'absolute-docs',
      'host-source',
      'own-docs',
      'parent-docs',
      'url-docs',
      'url-source',
    ]);
    for (const e of entities) {
      // what TechDocs resolves dir: refs against, and the scorecards read
      expect(getEntitySourceLocation(e)).toEqual({
        type: 'file',
        target: file,
      });
      expect(e.metadata.annotations?.['backstage.io/source-location']).toBe(
        `file:${file}`,
      );
    }
    const docsRef = (name: string) =>
      byName[name].metadata.annotations?.['backstage.io/techdocs-ref'];
    expect(docsRef('host-source')).toBe('dir:.');
    expect(docsRef('own-docs')).toBe('dir:./docs');
    for (const [name, ref] of [
      ['absolute-docs', `dir:${host}`],
      ['parent-docs', 'dir:../..'],
      ['url-docs', 'url:https://elsewhere.example/docs'],
    ]) {
      expect(docsRef(name)).toBeUndefined();
      expect(logger.warn).toHaveBeenCalledWith(
        `${file}: backstage.io/techdocs-ref '${ref}' is not taken from local repository 'sly': docs of a local repository are a dir: inside it`,
      );
    }
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
