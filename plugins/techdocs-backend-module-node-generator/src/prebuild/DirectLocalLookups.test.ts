import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { Publisher, PublisherBase } from '@backstage/plugin-techdocs-node';
import { DirectLocalLookups } from './DirectLocalLookups';

const entity = (name: string, kind = 'Component'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { namespace: 'default', name },
});

describe('DirectLocalLookups', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'direct-local-lookups-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  async function publishers(techdocs: object) {
    const config = new ConfigReader({ techdocs });
    const local = await Publisher.fromConfig(config, {
      logger: mockServices.logger.mock(),
      discovery: mockServices.discovery(),
    });
    return { local, direct: DirectLocalLookups.wrap(local, config) };
  }

  /** A site the way the local publisher lays it out. */
  function site(relative: string, files: Record<string, string>) {
    const dir = path.join(root, relative);
    fs.mkdirSync(dir, { recursive: true });
    for (const [file, text] of Object.entries(files)) {
      fs.writeFileSync(path.join(dir, file), text);
    }
  }

  async function answers(publisher: PublisherBase, e: Entity) {
    const ref = {
      kind: e.kind,
      namespace: e.metadata.namespace!,
      name: e.metadata.name,
    };
    return {
      has: await publisher.hasDocsBeenGenerated(e),
      metadata: await publisher.fetchTechDocsMetadata(ref).then(
        m => m,
        (error: Error) => `error: ${error.name}`,
      ),
    };
  }

  it('answers what the local publisher answers: a site, one without index.html, none, unreadable metadata, a byte order mark, mixed case, a link out of the folder', async () => {
    const { local, direct } = await publishers({
      publisher: { type: 'local', local: { publishDirectory: root } },
    });
    expect(direct).not.toBe(local);
    site('default/component/built', {
      'index.html': '<html></html>',
      'techdocs_metadata.json': JSON.stringify({ files: ['index.html'] }),
    });
    site('default/component/no-index', {
      'techdocs_metadata.json': JSON.stringify({ files: [] }),
    });
    site('default/component/broken', {
      'index.html': '<html></html>',
      'techdocs_metadata.json': '{ not json',
    });
    site('default/component/bom', {
      'index.html': '<html></html>',
      'techdocs_metadata.json': `\uFEFF${JSON.stringify({ files: [] })}`,
    });
    // a site folder that is a link out of the publish folder
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'outside-'));
    fs.writeFileSync(path.join(outside, 'index.html'), '<html></html>');
    fs.writeFileSync(path.join(outside, 'techdocs_metadata.json'), '{}');
    fs.symlinkSync(outside, path.join(root, 'default/component/linked'));
    site('default/api/mixed-case', {
      'index.html': '<html></html>',
      'techdocs_metadata.json': JSON.stringify({ site_name: 'Mixed' }),
    });

    const cases = [
      entity('built'),
      entity('no-index'),
      entity('broken'),
      entity('Mixed-Case', 'API'),
      entity('missing'),
      entity('bom'),
      entity('linked'),
    ];
    for (const e of cases) {
      expect(await answers(direct, e)).toEqual(await answers(local, e));
    }
    expect(await answers(direct, entity('built'))).toEqual({
      has: true,
      metadata: { files: ['index.html'] },
    });
    // refused by the local publisher, which the link is left to
    expect(await answers(direct, entity('linked'))).toEqual({
      has: false,
      metadata: 'error: NotAllowedError',
    });
    fs.rmSync(outside, { recursive: true, force: true });
    expect(await answers(direct, entity('missing'))).toEqual({
      has: false,
      metadata: 'error: Error', // ForwardedError takes its cause's name
    });
  });

  it('keeps the case of the path with techdocs.legacyUseCaseSensitiveTripletPaths, as the local publisher does', async () => {
    const { local, direct } = await publishers({
      legacyUseCaseSensitiveTripletPaths: true,
      publisher: { type: 'local', local: { publishDirectory: root } },
    });
    site('default/Component/Upper', { 'index.html': '' });

    for (const e of [entity('Upper'), entity('upper', 'component')]) {
      expect(await direct.hasDocsBeenGenerated(e)).toBe(
        await local.hasDocsBeenGenerated(e),
      );
    }
    expect(await direct.hasDocsBeenGenerated(entity('Upper'))).toBe(true);
  });

  it('leaves a name that is not a valid entity name to the local publisher, which refuses paths outside its folder', async () => {
    const { local, direct } = await publishers({
      publisher: { type: 'local', local: { publishDirectory: root } },
    });
    const spy = jest.spyOn(local, 'hasDocsBeenGenerated');
    site('default/component', { 'index.html': '' });

    await expect(direct.hasDocsBeenGenerated(entity('..'))).resolves.toBe(
      false,
    );
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it('is the publisher itself for another publisher type or without a configured folder', async () => {
    const config = new ConfigReader({
      techdocs: { publisher: { type: 'googleGcs' } },
    });
    const other = { hasDocsBeenGenerated: jest.fn() } as any;
    expect(DirectLocalLookups.wrap(other, config)).toBe(other);
    expect(
      DirectLocalLookups.wrap(other, new ConfigReader({ techdocs: {} })),
    ).toBe(other);
  });

  it('hands publishing and serving to the publisher', async () => {
    const { direct } = await publishers({
      publisher: { type: 'local', local: { publishDirectory: root } },
    });
    const output = path.join(root, 'output');
    fs.mkdirSync(output);
    fs.writeFileSync(path.join(output, 'index.html'), '<html></html>');

    await direct.publish({ entity: entity('published'), directory: output });

    expect(await direct.hasDocsBeenGenerated(entity('published'))).toBe(true);
    expect(await direct.getReadiness()).toEqual({ isAvailable: true });
  });
});
