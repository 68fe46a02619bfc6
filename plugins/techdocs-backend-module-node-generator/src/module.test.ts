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

const made: string[] = [];
afterAll(() =>
  made.forEach(d => fs.rmSync(d, { recursive: true, force: true })),
);
function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-module-'));
  made.push(dir);
  return dir;
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
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () => ({
        etag: 'v1',
        files: async () => [],
        archive: async () => {
          throw new Error('not used by TechDocs');
        },
        dir: async () => {
          const dir = tmp();
          fs.cpSync(repo, dir, { recursive: true });
          return dir;
        },
      })),
    });
    const publishDirectory = tmp();

    const { server } = await startTestBackend({
      features: [
        techdocsPlugin,
        techdocsModuleNodeGenerator,
        urlReader.factory,
        catalogServiceMock.factory({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'Component',
              metadata: {
                name: 'remote',
                uid: 'remote-uid',
                namespace: 'default',
                annotations: { 'backstage.io/techdocs-ref': `url:${target}` },
              },
              spec: {
                type: 'service',
                lifecycle: 'production',
                owner: 'team-a',
              },
            },
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            techdocs: {
              builder: 'local',
              publisher: { type: 'local', local: { publishDirectory } },
            },
          },
        }),
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
});
