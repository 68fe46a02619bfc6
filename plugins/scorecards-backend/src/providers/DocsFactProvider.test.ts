import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { EntityFacts } from '@internal/plugin-scorecards-node';
import { BuildState } from '@internal/plugin-techdocs-client-node';
import jsonLogic from 'json-logic-js';
import yaml from 'yaml';
import { DocsFactProvider } from './DocsFactProvider';

const DAY_MS = 86_400_000;

/** The condition of one of the portal's own documentation checks. */
function condition(checkId: string): unknown {
  const file = path.resolve(
    __dirname,
    '../../../../scorecards/documentation.yaml',
  );
  const scorecard = yaml.parse(fs.readFileSync(file, 'utf8'));
  for (const level of scorecard.levels) {
    for (const check of level.checks) {
      if (check.id === checkId) return check.condition;
    }
  }
  throw new Error(`${file} has no ${checkId} check`);
}
const passes = (checkId: string, facts: EntityFacts | undefined) =>
  jsonLogic.truthy(jsonLogic.apply(condition(checkId) as any, { docs: facts }));

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

/** A state as the Node generator module's route gives it, for an entity name. */
const state = (name: string, fields: Partial<BuildState>): BuildState => ({
  entityRef: `component:default/${name}`,
  status: 'none',
  buildFails: false,
  failure: null,
  published: false,
  builtAt: null,
  pageCount: 0,
  ...fields,
});

describe('DocsFactProvider', () => {
  // The build-states route on 127.0.0.1: each entity name's state.
  const states: Record<string, BuildState> = {};
  const asked: Array<{ url?: string; entityRefs: string[] }> = [];
  let failWith: number | undefined;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', chunk => (body += chunk));
    req.on('end', () => {
      const { entityRefs } = JSON.parse(body) as { entityRefs: string[] };
      asked.push({ url: req.url, entityRefs });
      res.writeHead(failWith ?? 200, { 'Content-Type': 'application/json' });
      res.end(
        JSON.stringify(
          failWith
            ? { error: { name: 'Error', message: 'storage is down' } }
            : {
                items: entityRefs.map(
                  ref =>
                    states[ref.split('/').pop()!] ??
                    state(ref.split('/').pop()!, {}),
                ),
              },
        ),
      );
    });
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
  beforeEach(() => {
    asked.length = 0;
    failWith = undefined;
  });
  afterAll(() => new Promise(resolve => server.close(resolve)));

  it("reads a built site's pages and age from its build state, and a site built 10 days ago is fresh and builds", async () => {
    states.recent = state('recent', {
      status: 'built',
      published: true,
      pageCount: 2,
      builtAt: Date.now() - 10.5 * DAY_MS,
    });
    const facts = await provider.getFacts([documented('recent')], { signal });

    const recent = facts.get('component:default/recent');
    expect(recent).toEqual({
      built: true,
      pageCount: 2,
      ageDays: 10,
      buildFails: false,
      buildFailure: null,
    });
    expect(passes('docs-fresh', recent)).toBe(true);
    expect(passes('docs-build-passes', recent)).toBe(true);
  });

  it('gives a built site without a build time the age -1, which fails the freshness check', async () => {
    states.undated = state('undated', {
      status: 'built',
      published: true,
      pageCount: 2,
    });
    const facts = await provider.getFacts([documented('undated')], { signal });

    expect(facts.get('component:default/undated')).toMatchObject({
      built: true,
      pageCount: 2,
      ageDays: -1,
    });
    expect(passes('docs-fresh', facts.get('component:default/undated'))).toBe(
      false,
    );
  });

  it('reports a failing build with its reason, which fails the docs-build-passes check', async () => {
    const reason =
      "mkdocs.yml: nav entry 'Runbook: runbook.md' names a page that does not exist in the docs folder";
    states.broken = state('broken', {
      status: 'failed',
      buildFails: true,
      failure: { reason, at: new Date().toISOString() },
    });
    const facts = await provider.getFacts([documented('broken')], { signal });

    const broken = facts.get('component:default/broken');
    expect(broken).toEqual({
      built: false,
      pageCount: 0,
      ageDays: -1,
      buildFails: true,
      buildFailure: reason,
    });
    expect(passes('docs-build-passes', broken)).toBe(false);
  });

  it('asks for a whole batch in one request, and not about entities without the techdocs-ref annotation', async () => {
    const entities = [
      ...Array.from({ length: 300 }, (_, i) => documented(`page-${i}`)),
      documented('undocumented', false),
    ];
    const facts = await provider.getFacts(entities, { signal });

    expect(asked).toHaveLength(1);
    expect(asked[0].url).toBe('/api/techdocs/node-generator/build-states');
    expect(asked[0].entityRefs).toHaveLength(300);
    expect(asked[0].entityRefs).not.toContain('component:default/undocumented');
    const notBuilt = {
      built: false,
      pageCount: 0,
      ageDays: -1,
      buildFails: false,
      buildFailure: null,
    };
    expect(facts.get('component:default/page-7')).toEqual(notBuilt);
    expect(facts.get('component:default/undocumented')).toEqual(notBuilt);
    expect(passes('docs-fresh', notBuilt)).toBe(false);
  });

  it('gives an error for an entity whose published site could not be read, and the facts of the others', async () => {
    states.unreadable = state('unreadable', {
      published: true,
      error: "The published site's metadata could not be read: EACCES",
    });
    states.fine = state('fine', {
      status: 'built',
      published: true,
      pageCount: 1,
      builtAt: Date.now(),
    });
    const facts = await provider.getFacts(
      [documented('unreadable'), documented('fine')],
      { signal },
    );

    const unreadable = facts.get('component:default/unreadable');
    expect(unreadable).toBeInstanceOf(Error);
    expect((unreadable as Error).message).toBe(
      "TechDocs could not tell the docs of component:default/unreadable: The published site's metadata could not be read: EACCES",
    );
    expect(facts.get('component:default/fine')).toMatchObject({
      built: true,
      ageDays: 0,
    });
  });

  it('gives documented entities an error naming the status when TechDocs fails, and undocumented ones their facts', async () => {
    failWith = 500;
    const facts = await provider.getFacts(
      [documented('any'), documented('undocumented', false)],
      { signal },
    );

    const any = facts.get('component:default/any');
    expect(any).toBeInstanceOf(Error);
    expect((any as Error).message).toMatch(
      /^TechDocs could not give the docs build states of 1 entities \(component:default\/any\); caused by ResponseError: Request failed with 500/,
    );
    expect(facts.get('component:default/undocumented')).toMatchObject({
      built: false,
    });
  });
});
