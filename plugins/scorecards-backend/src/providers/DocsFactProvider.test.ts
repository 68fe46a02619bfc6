import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityFacts } from '@internal/plugin-scorecards-node';
import jsonLogic from 'json-logic-js';
import yaml from 'yaml';
import { DocsFactProvider } from './DocsFactProvider';

const DAY_MS = 86_400_000;

/** The condition of the portal's own freshness check, `docs-fresh`. */
function docsFresh(): unknown {
  const file = path.resolve(
    __dirname,
    '../../../../scorecards/documentation.yaml',
  );
  const scorecard = yaml.parse(fs.readFileSync(file, 'utf8'));
  for (const level of scorecard.levels) {
    for (const check of level.checks) {
      if (check.id === 'docs-fresh') return check.condition;
    }
  }
  throw new Error(`${file} has no docs-fresh check`);
}
const isFresh = (facts: EntityFacts | undefined) =>
  jsonLogic.truthy(jsonLogic.apply(docsFresh() as any, { docs: facts }));

const documented = (name: string, annotated = true): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: annotated ? { 'backstage.io/techdocs-ref': 'dir:.' } : {},
  },
  spec: {},
});

describe('DocsFactProvider', () => {
  // TechDocs' metadata route on 127.0.0.1: each entity name's answer.
  const answers: Record<string, { status: number; body: unknown }> = {};
  const asked: string[] = [];
  const server = http.createServer((req, res) => {
    asked.push(req.url!);
    const name = req.url!.split('/').pop()!;
    const answer = answers[name] ?? {
      status: 404,
      body: {
        error: { name: 'NotFoundError', message: 'Unable to get metadata' },
      },
    };
    res.writeHead(answer.status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(answer.body));
  });
  let provider: DocsFactProvider;
  const signal = new AbortController().signal;

  beforeAll(async () => {
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${
      (server.address() as AddressInfo).port
    }/api/techdocs`;
    provider = new DocsFactProvider({
      auth: mockServices.auth({ pluginId: 'scorecards' }),
      discovery: {
        getBaseUrl: async () => baseUrl,
        getExternalBaseUrl: async () => baseUrl,
      },
    });
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  const files = ['index.html', 'guide/index.html', 'assets/site.css'];

  it("reads a built site's pages and age from its metadata, and a site built 10 days ago is fresh", async () => {
    answers.recent = {
      status: 200,
      body: {
        site_name: 'Recent',
        files,
        build_timestamp: Date.now() - 10.5 * DAY_MS,
      },
    };
    const facts = await provider.getFacts([documented('recent')], { signal });

    expect(facts.get('component:default/recent')).toEqual({
      built: true,
      pageCount: 2,
      ageDays: 10,
    });
    expect(isFresh(facts.get('component:default/recent'))).toBe(true);
  });

  it('gives a built site without a build timestamp the age -1, which fails the freshness check', async () => {
    answers.undated = { status: 200, body: { site_name: 'Undated', files } };
    const facts = await provider.getFacts([documented('undated')], { signal });

    expect(facts.get('component:default/undated')).toEqual({
      built: true,
      pageCount: 2,
      ageDays: -1,
    });
    expect(isFresh(facts.get('component:default/undated'))).toBe(false);
  });

  it('reports an entity without published docs, or without the techdocs-ref annotation, as not built without asking TechDocs about the latter', async () => {
    asked.length = 0;
    const facts = await provider.getFacts(
      [documented('unpublished'), documented('undocumented', false)],
      { signal },
    );

    const notBuilt = { built: false, pageCount: 0, ageDays: -1 };
    expect(facts.get('component:default/unpublished')).toEqual(notBuilt);
    expect(facts.get('component:default/undocumented')).toEqual(notBuilt);
    expect(isFresh(notBuilt)).toBe(false);
    expect(asked).toEqual([
      '/api/techdocs/metadata/techdocs/default/Component/unpublished',
    ]);
  });

  it('gives an error for the entity whose metadata TechDocs fails to give, and the facts of the others', async () => {
    answers.broken = {
      status: 500,
      body: { error: { name: 'Error', message: 'storage is down' } },
    };
    answers.fine = {
      status: 200,
      body: { files, build_timestamp: Date.now() },
    };
    const facts = await provider.getFacts(
      [documented('broken'), documented('fine')],
      { signal },
    );

    const broken = facts.get('component:default/broken');
    expect(broken).toBeInstanceOf(Error);
    expect((broken as Error).message).toMatch(
      /^TechDocs could not give the metadata of component:default\/broken; caused by ResponseError: Request failed with 500/,
    );
    expect(facts.get('component:default/fine')).toEqual({
      built: true,
      pageCount: 2,
      ageDays: 0,
    });
  });
});
