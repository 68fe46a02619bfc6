import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import techdocsPlugin from '@backstage/plugin-techdocs-backend';
import { techdocsModuleNodeGenerator } from './module';

// Each test starts a backend; two-core CI machines can be slow to.
jest.setTimeout(30_000);

const made: string[] = [];
afterAll(() =>
  made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
);
function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-module-'));
  made.push(dir);
  return dir;
}

function documentedEntity(name: string, ref: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      uid: `${name}-uid`,
      namespace: 'default',
      annotations: { 'backstage.io/techdocs-ref': ref },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

/** A UrlReader serving a copy of `repos[url]` as the tree at that URL. */
function reposReader(repos: Record<string, string>) {
  return mockServices.urlReader.mock({
    readTree: jest.fn(async (url: string) => ({
      etag: 'v1',
      files: async () => [],
      archive: async () => {
        throw new Error('not used by TechDocs');
      },
      dir: async () => {
        const dir = tmp();
        fs.cpSync(repos[url], dir, { recursive: true });
        return dir;
      },
    })),
  });
}

function techdocsConfig(publishDirectory: string, extra: object = {}) {
  return mockServices.rootConfig.factory({
    data: {
      techdocs: {
        builder: 'local',
        publisher: { type: 'local', local: { publishDirectory } },
        ...extra,
      },
    },
  });
}

describe('techdocsModuleNodeGenerator', () => {
  it('builds the docs of a url: techdocs ref, fetched by the UrlReader, with the Node generator', async () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(
      path.join(repo, 'mkdocs.yml'),
      'site_name: Remote docs\nnav:\n  - Home: index.md\n  - Guide: guide.md\n',
    );
    fs.writeFileSync(path.join(repo, 'docs/index.md'), '# Remote docs\n');
    fs.writeFileSync(
      path.join(repo, 'docs/guide.md'),
      '# Guide\n\n!!! note\n    Fetched.\n',
    );

    const target = 'https://git.example.com/org/remote/tree/main/';
    const urlReader = reposReader({ [target]: repo });
    const publishDirectory = tmp();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        urlReader.factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        catalogServiceMock.factory({
          entities: [documentedEntity('remote', `url:${target}`)],
        }),
        techdocsConfig(publishDirectory),
      ],
    });

    const res = await request(server)
      .get('/api/techdocs/sync/default/component/remote')
      .set('Accept', 'text/event-stream')
      .set('Authorization', mockCredentials.user.header());

    expect(res.text).toContain("INFO Built 2 pages of 'Remote docs'");
    expect(res.text).toContain('"updated":true');
    expect(urlReader.readTree).toHaveBeenCalledWith(target, expect.anything());
    const guide = fs.readFileSync(
      path.join(publishDirectory, 'default/component/remote/guide/index.html'),
      'utf8',
    );
    expect(guide).toContain('<div class="admonition note">');
  });

  it('builds documented sites ahead of their first view, and reports a site that fails without holding back the others', async () => {
    const good = tmp();
    fs.mkdirSync(path.join(good, 'docs'));
    fs.writeFileSync(path.join(good, 'mkdocs.yml'), 'site_name: Ahead\n');
    fs.writeFileSync(path.join(good, 'docs/index.md'), '# Built ahead\n');
    const broken = tmp(); // no mkdocs.yml

    const urlReader = reposReader({
      'https://git.example.com/good/': good,
      'https://git.example.com/broken/': broken,
    });
    const publishDirectory = tmp();
    const logger = mockServices.logger.mock();
    const scheduler = mockServices.scheduler.mock();

    await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        urlReader.factory,
        scheduler.factory,
        logger.factory,
        catalogServiceMock.factory({
          entities: [
            documentedEntity('broken', 'url:https://git.example.com/broken/'),
            documentedEntity('good', 'url:https://git.example.com/good/'),
          ],
        }),
        techdocsConfig(publishDirectory),
      ],
    });

    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'techdocs-node-generator-prebuild' }),
    );
    const { fn } = scheduler.scheduleTask.mock.calls[0][0];
    await fn(new AbortController().signal);

    expect(
      fs.readFileSync(
        path.join(publishDirectory, 'default/component/good/index.html'),
        'utf8',
      ),
    ).toContain('Built ahead');
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Docs of component:default\/broken could not be built ahead: .*mkdocs\.yml/,
      ),
    );
    expect(logger.info).toHaveBeenCalledWith(
      'Built 1 docs sites ahead, 1 failed',
    );

    // Neither is fetched again soon: one is published, the other failed
    // (it is retried later, and whenever someone opens it).
    urlReader.readTree.mockClear();
    await fn(new AbortController().signal);
    expect(urlReader.readTree).not.toHaveBeenCalled();
  });

  it('leaves TechDocs on its MkDocs generator when techdocs.nodeGenerator.enabled is false', async () => {
    const repo = tmp();
    fs.mkdirSync(path.join(repo, 'docs'));
    fs.writeFileSync(path.join(repo, 'mkdocs.yml'), 'site_name: Stock\n');
    fs.writeFileSync(path.join(repo, 'docs/index.md'), '# Stock\n');
    const target = 'https://git.example.com/stock/';
    const scheduler = mockServices.scheduler.mock();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        reposReader({ [target]: repo }).factory,
        scheduler.factory,
        catalogServiceMock.factory({
          entities: [documentedEntity('stock', `url:${target}`)],
        }),
        techdocsConfig(tmp(), {
          generator: { runIn: 'local' },
          nodeGenerator: { enabled: false },
        }),
      ],
    });

    const res = await request(server)
      .get('/api/techdocs/sync/default/component/stock')
      .set('Accept', 'text/event-stream')
      .set('Authorization', mockCredentials.user.header());

    // The stock generator runs the mkdocs CLI with the techdocs-core plugin:
    // where MkDocs is missing the build fails spawning it, and where Debian's
    // MkDocs is installed it fails on the missing techdocs-core plugin. Either
    // way the MkDocs path ran, and the Node generator did not.
    expect(res.text).toMatch(/spawn mkdocs ENOENT|techdocs-core/);
    expect(res.text).not.toContain('pages of');
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
  });
});
