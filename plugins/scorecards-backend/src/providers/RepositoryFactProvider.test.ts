import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { RepositoryFactProvider } from './RepositoryFactProvider';

const signal = new AbortController().signal;
const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'svc', namespace: 'default', annotations },
  spec: {},
});

describe('RepositoryFactProvider', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'repo-facts-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const write = (rel: string, text = '') => {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  };

  it("reads the files of a file: location's folder, and follows no link out of it", async () => {
    write('svc/catalog-info.yaml');
    write('svc/README.md');
    write('svc/.github/workflows/ci.yml');
    write('svc/.github/CODEOWNERS');
    write('svc/src/handler.test.ts');
    write('svc/node_modules/x/Dockerfile');
    write('elsewhere/LICENSE');
    write('elsewhere/Dockerfile');
    fs.symlinkSync(
      path.join(root, 'elsewhere/LICENSE'),
      path.join(root, 'svc/LICENSE'),
    );
    fs.symlinkSync(
      path.join(root, 'elsewhere'),
      path.join(root, 'svc/outside'),
    );

    const provider = new RepositoryFactProvider(mockServices.urlReader.mock());
    const facts = await provider.getFacts(
      [
        entity({
          'backstage.io/managed-by-location': `file:${root}/svc/catalog-info.yaml`,
        }),
      ],
      { signal },
    );
    expect(facts.get('component:default/svc')).toEqual({
      hasReadme: true,
      hasCodeowners: true,
      hasCiWorkflow: true,
      hasLicense: false,
      hasDockerfile: false,
      hasTests: true,
    });
  });

  it('reads a url: source location through the UrlReader', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () => ({
        etag: 'e',
        files: async () =>
          ['README.md', 'LICENSE', 'Dockerfile', 'tests/api_test.py'].map(
            p => ({
              path: p,
              content: async () => Buffer.from(''),
            }),
          ),
        archive: async () => {
          throw new Error('unused');
        },
        dir: async () => {
          throw new Error('unused');
        },
      })),
    });
    const facts = await new RepositoryFactProvider(urlReader).getFacts(
      [
        entity({
          'backstage.io/source-location':
            'url:https://github.com/acme/svc/tree/main/',
        }),
      ],
      { signal },
    );
    expect(urlReader.readTree).toHaveBeenCalledWith(
      'https://github.com/acme/svc/tree/main/',
      expect.objectContaining({ filter: expect.any(Function) }),
    );
    expect(facts.get('component:default/svc')).toEqual({
      hasReadme: true,
      hasCodeowners: false,
      hasCiWorkflow: false,
      hasLicense: true,
      hasDockerfile: true,
      hasTests: true,
    });
  });

  it('gives an error, naming why, for an entity without a source or whose source cannot be read', async () => {
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () => {
        throw new Error(
          'NotFoundError: https://github.com/acme/gone does not exist',
        );
      }),
    });
    const facts = await new RepositoryFactProvider(urlReader).getFacts(
      [
        entity({}),
        {
          ...entity({
            'backstage.io/source-location': 'url:https://github.com/acme/gone/',
          }),
          metadata: {
            name: 'gone',
            annotations: {
              'backstage.io/source-location':
                'url:https://github.com/acme/gone/',
            },
          },
        },
      ],
      { signal },
    );
    expect(String(facts.get('component:default/svc'))).toMatch(
      /has no source location/,
    );
    expect(String(facts.get('component:default/gone'))).toMatch(
      /does not exist/,
    );
  });

  it('lists a source once for every entity from it, for 30 s, and does not keep a failed listing', async () => {
    let files = ['README.md'];
    let fail = false;
    const readTree = jest.fn(async () => {
      if (fail) throw new Error('NotFoundError: the repository is gone');
      const paths = files;
      return {
        etag: 'e',
        files: async () =>
          paths.map(p => ({ path: p, content: async () => Buffer.from('') })),
        archive: async () => {
          throw new Error('unused');
        },
        dir: async () => {
          throw new Error('unused');
        },
      };
    });
    let now = 1_000_000;
    const provider = new RepositoryFactProvider(
      mockServices.urlReader.mock({ readTree }),
      () => now,
    );
    const fromMonorepo = (name: string): Entity => {
      const e = entity({
        'backstage.io/managed-by-location':
          'url:https://github.com/acme/mono/blob/main/catalog-info.yaml',
      });
      return { ...e, metadata: { ...e.metadata, name } };
    };
    const readmeOf = async (name: string) =>
      (await provider.getFacts([fromMonorepo(name)], { signal })).get(
        `component:default/${name}`,
      ) as Record<string, boolean> | Error;

    const first = await provider.getFacts(
      [fromMonorepo('a'), fromMonorepo('b'), fromMonorepo('c')],
      { signal },
    );
    expect([...first.values()].map(f => (f as any).hasReadme)).toEqual([
      true,
      true,
      true,
    ]);
    expect(readTree).toHaveBeenCalledTimes(1);

    files = ['Dockerfile'];
    now += 29_000;
    expect(await readmeOf('d')).toMatchObject({ hasReadme: true });
    expect(readTree).toHaveBeenCalledTimes(1);

    now += 2_000;
    expect(await readmeOf('d')).toMatchObject({
      hasReadme: false,
      hasDockerfile: true,
    });
    expect(readTree).toHaveBeenCalledTimes(2);

    fail = true;
    now += 31_000;
    expect(String(await readmeOf('e'))).toMatch(/the repository is gone/);
    fail = false;
    expect(await readmeOf('e')).toMatchObject({ hasDockerfile: true });
    expect(readTree).toHaveBeenCalledTimes(4);
  });
});
