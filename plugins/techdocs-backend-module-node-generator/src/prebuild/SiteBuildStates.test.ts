import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Publisher, PublisherBase } from '@backstage/plugin-techdocs-node';
import { createTestDatabases } from '@internal/test-utils';
import { PrebuildStore } from './PrebuildStore';
import { SiteBuildStates } from './SiteBuildStates';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const [[databaseId]] = databases.eachSupportedId();

const ref = (name: string) => `component:default/${name}`;

describe('SiteBuildStates', () => {
  let publishDirectory: string;
  let store: PrebuildStore;
  let publisher: PublisherBase;

  beforeEach(async () => {
    publishDirectory = fs.mkdtempSync(path.join(os.tmpdir(), 'build-states-'));
    const knex = await databases.init(databaseId);
    store = await PrebuildStore.create({
      database: mockServices.database({ knex }),
    });
    publisher = await Publisher.fromConfig(
      new ConfigReader({
        techdocs: {
          builder: 'local',
          publisher: { type: 'local', local: { publishDirectory } },
        },
      }),
      {
        logger: mockServices.logger.mock(),
        discovery: mockServices.discovery(),
      },
    );
  });
  afterEach(() =>
    fs.rmSync(publishDirectory, { recursive: true, force: true }),
  );

  /** Rows as the prebuilder leaves them: each site built or failed. */
  async function recorded(outcomes: Record<string, 'built' | 'failed'>) {
    const names = Object.keys(outcomes);
    await store.want(
      names.map(n => ({
        entityRef: ref(n),
        entityUid: `${n}-uid`,
        entityEtag: null,
        hash: 'h1',
      })),
    );
    for (const claim of await store.claim(names.length, 60_000)) {
      const name = claim.entityRef.split('/')[1];
      await store.finish(claim, {
        hash: 'h1',
        entityUid: `${name}-uid`,
        entityEtag: null,
        outcome:
          outcomes[name] === 'built'
            ? { status: 'built', pageCount: 2, builtAt: new Date(1000) }
            : { status: 'failed', reason: 'mkdocs.yml: not found' },
      });
    }
  }

  /** A site in the publisher: its index page, and its metadata as given (text: unreadable). */
  function published(name: string, metadata: object | string) {
    const dir = path.join(publishDirectory, 'default/component', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'index.html'), '<html></html>');
    fs.writeFileSync(
      path.join(dir, 'techdocs_metadata.json'),
      typeof metadata === 'string' ? metadata : JSON.stringify(metadata),
    );
  }

  const files = ['index.html', 'api/index.html', 'techdocs_metadata.json'];
  const later = Date.now() + 60_000;

  async function world() {
    await recorded({
      'built-published': 'built',
      'built-unlisted': 'built',
      'built-unreadable': 'built',
      'built-gone': 'built',
      'failed-unpublished': 'failed',
      'failed-then-published': 'failed',
    });
    published('built-published', { build_timestamp: 1000, files });
    published('built-unlisted', { build_timestamp: 1000 }); // no file list
    published('built-unreadable', '{ not json');
    published('failed-then-published', { build_timestamp: later, files });
    published('unknown-published', { build_timestamp: 2000, files });
    published('unknown-unreadable', '{ not json');
  }
  const refs = [
    'built-published',
    'built-unlisted',
    'built-unreadable',
    'built-gone',
    'failed-unpublished',
    'failed-then-published',
    'unknown-published',
    'unknown-unreadable',
    'unknown-unpublished',
  ].map(ref);

  it('gives what the prebuilder recorded and what the publisher holds: published, not published, or unreadable', async () => {
    await world();
    const states = await SiteBuildStates.create({ store, publisher }).get(refs);

    const none = { buildFails: false, failure: null };
    const unpublished = { published: false, builtAt: null, pageCount: 0 };
    const unreadable = {
      ...unpublished,
      error: expect.stringMatching(
        /^The published site's metadata could not be read: Unable to read techdocs_metadata\.json at .*techdocs_metadata\.json/,
      ),
    };
    const failure = {
      buildFails: true,
      failure: { reason: 'mkdocs.yml: not found', at: expect.any(String) },
    };
    expect(states).toEqual([
      {
        entityRef: ref('built-published'),
        status: 'built',
        ...none,
        published: true,
        builtAt: 1000,
        pageCount: 2,
      },
      {
        entityRef: ref('built-unlisted'),
        status: 'built',
        ...none,
        published: true,
        builtAt: 1000,
        pageCount: 0,
      },
      {
        entityRef: ref('built-unreadable'),
        status: 'built',
        ...none,
        ...unreadable,
      },
      {
        entityRef: ref('built-gone'),
        status: 'built',
        ...none,
        ...unpublished,
      },
      {
        entityRef: ref('failed-unpublished'),
        status: 'failed',
        ...failure,
        ...unpublished,
      },
      {
        entityRef: ref('failed-then-published'),
        status: 'failed',
        buildFails: false, // the reader's own build published it since
        failure: failure.failure,
        published: true,
        builtAt: later,
        pageCount: 2,
      },
      {
        entityRef: ref('unknown-published'),
        status: 'none',
        ...none,
        published: true,
        builtAt: 2000,
        pageCount: 2,
      },
      {
        entityRef: ref('unknown-unreadable'),
        status: 'none',
        ...none,
        ...unreadable,
      },
      {
        entityRef: ref('unknown-unpublished'),
        status: 'none',
        ...none,
        ...unpublished,
      },
    ]);
  });

  it('asks the publisher once for a site the prebuilder built and published, and once for one not published', async () => {
    await world();
    const calls: Record<string, number> = {};
    const count = (name: string) => {
      calls[name] = (calls[name] ?? 0) + 1;
    };
    const hasDocs = publisher.hasDocsBeenGenerated.bind(publisher);
    const fetchMetadata = publisher.fetchTechDocsMetadata.bind(publisher);
    jest.spyOn(publisher, 'hasDocsBeenGenerated').mockImplementation(e => {
      count(e.metadata.name);
      return hasDocs(e);
    });
    jest.spyOn(publisher, 'fetchTechDocsMetadata').mockImplementation(e => {
      count(e.name);
      return fetchMetadata(e);
    });

    await SiteBuildStates.create({ store, publisher }).get(refs);
    expect(calls).toMatchObject({
      'built-published': 1,
      'failed-unpublished': 1,
      'unknown-unpublished': 1,
    });
  });

  it('reuses what the publisher holds for 5 minutes while the prebuild row stays the same', async () => {
    await recorded({ a: 'failed' });
    const states = SiteBuildStates.create({ store, publisher });
    const hasDocs = jest.spyOn(publisher, 'hasDocsBeenGenerated');
    const start = Date.now();
    const now = jest.spyOn(Date, 'now').mockReturnValue(start);
    try {
      expect(
        (await states.get([ref('a'), ref('b')])).map(s => s.published),
      ).toEqual([false, false]);
      expect(hasDocs).toHaveBeenCalledTimes(2);

      // the reader's own builds publish both sites
      published('a', { build_timestamp: later, files });
      published('b', { build_timestamp: later, files });
      now.mockReturnValue(start + 5 * 60_000 - 1);
      expect(
        (await states.get([ref('a'), ref('b')])).map(s => s.published),
      ).toEqual([false, false]);
      expect(hasDocs).toHaveBeenCalledTimes(2);

      // a new prebuild outcome for b reads the publisher again at once
      await recorded({ b: 'built' });
      const [, b] = await states.get([ref('a'), ref('b')]);
      expect(b).toMatchObject({ status: 'built', published: true });

      now.mockReturnValue(start + 5 * 60_000);
      const [a] = await states.get([ref('a')]);
      expect(a).toMatchObject({ published: true, buildFails: false });
    } finally {
      now.mockRestore();
    }
  });
});
