import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ResponseError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import {
  GeneratorBase,
  PreparerBuilder,
  PublisherBase,
} from '@backstage/plugin-techdocs-node';
import { NodeTechdocsGenerator } from '../NodeTechdocsGenerator';
import { SiteBuilder, isTransient } from './SiteBuilder';

jest.setTimeout(60_000);

describe('SiteBuilder', () => {
  const made: string[] = [];
  afterAll(() =>
    made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
  );
  const tmp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'site-builder-'));
    made.push(dir);
    return dir;
  };
  const entity: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'copied',
      namespace: 'default',
      annotations: {
        'backstage.io/techdocs-ref': 'url:https://git.example.com/copied/',
      },
    },
  };

  /** A builder whose preparer hands out `preparedDir`, with a generator that records its runs. */
  function builder(preparedDir: string) {
    const generator = { run: jest.fn(async () => {}) };
    const publisher = {
      publish: jest.fn(async () => ({})),
    } as unknown as jest.Mocked<PublisherBase>;
    const preparers = {
      register: () => {},
      get: () => ({
        prepare: async () => ({ preparedDir, etag: 'v1' }),
        shouldCleanPreparedDirectory: () => false,
      }),
    } as PreparerBuilder;
    const workingDirectory = tmp();
    const mkdtemp = jest.spyOn(fs.promises, 'mkdtemp');
    const siteBuilder = SiteBuilder.create({
      preparers,
      generator: generator as GeneratorBase,
      publisher,
      scmIntegrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      logger: mockServices.logger.mock(),
      workingDirectory,
    });
    return { siteBuilder, generator, publisher, mkdtemp };
  }
  afterEach(() => jest.restoreAllMocks());

  it('fails a folder without an MkDocs config at once, with the reason the generator gives, without running it', async () => {
    const folder = tmp(); // a copied `dir:.` annotation: docs/, no mkdocs.yml
    fs.mkdirSync(path.join(folder, 'docs'));
    fs.writeFileSync(path.join(folder, 'docs/index.md'), '# Hi\n');
    const real = new NodeTechdocsGenerator();
    const generatorSays = await real
      .run({
        inputDir: folder,
        outputDir: tmp(),
        logger: mockServices.logger.mock() as any,
      })
      .then(
        () => 'built',
        (e: Error) => e.message,
      )
      .finally(() => real.close());
    expect(generatorSays).toMatch(/^mkdocs\.yml: not found/);

    const { siteBuilder, generator, publisher, mkdtemp } = builder(folder);
    expect(await siteBuilder.build(entity)).toEqual({
      type: 'failed',
      reason: generatorSays,
    });
    expect(generator.run).not.toHaveBeenCalled();
    expect(mkdtemp).not.toHaveBeenCalled();
    expect(publisher.publish).not.toHaveBeenCalled();
  });

  it('runs the generator on a folder with an mkdocs.yaml', async () => {
    const folder = tmp();
    fs.writeFileSync(path.join(folder, 'mkdocs.yaml'), 'site_name: Yaml\n');
    const { siteBuilder, generator, publisher, mkdtemp } = builder(folder);
    expect(await siteBuilder.build(entity)).toEqual({
      type: 'built',
      pageCount: 0,
    });
    expect(mkdtemp).toHaveBeenCalledTimes(1);
    expect(generator.run).toHaveBeenCalledWith(
      expect.objectContaining({ inputDir: folder }),
    );
    expect(publisher.publish).toHaveBeenCalledTimes(1);
  });
});

describe('isTransient', () => {
  it('takes a failed or cut connection, a timeout, a 429 and a 5xx as passing, also as a cause', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(isTransient(refused)).toBe(true);
    expect(isTransient(new Error('wrapped', { cause: refused }))).toBe(true);
    expect(
      isTransient(
        Object.assign(new Error('aborted'), { name: 'TimeoutError' }),
      ),
    ).toBe(true);
    expect(
      isTransient(
        new Error(
          'Request failed for https://github.com/o/r/archive, 503 Service Unavailable',
        ),
      ),
    ).toBe(true);
    expect(
      isTransient(Object.assign(new Error('x'), { response: { status: 429 } })),
    ).toBe(true);
  });

  it('takes a missing repository, refused credentials and a bad annotation as lasting', async () => {
    expect(
      isTransient(
        new Error(
          'Request failed for https://github.com/o/r/archive, 404 Not Found',
        ),
      ),
    ).toBe(false);
    const unauthorized = await ResponseError.fromResponse(
      new Response('{}', { status: 401, statusText: 'Unauthorized' }) as any,
    );
    expect(isTransient(unauthorized)).toBe(false);
    expect(
      isTransient(new Error('Unable to parse the techdocs-ref annotation')),
    ).toBe(false);
  });
});
