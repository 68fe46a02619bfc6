import fs from 'node:fs';
import path from 'node:path';
import { UrlReaderService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { forEachInParallel, withTimeout } from '../lib/async';
import {
  EntityFacts,
  FactDefinition,
  FactProvider,
} from '@internal/plugin-scorecards-node';

const facts: Record<string, FactDefinition> = {
  hasReadme: { type: 'boolean', description: 'A README at the root' },
  hasCodeowners: {
    type: 'boolean',
    description: 'A CODEOWNERS file (root, .github/ or docs/)',
  },
  hasCiWorkflow: {
    type: 'boolean',
    description:
      'A CI definition (.github/workflows, .gitlab-ci.yml, Jenkinsfile, .circleci)',
  },
  hasLicense: {
    type: 'boolean',
    description: 'A LICENSE, LICENCE or COPYING file at the root',
  },
  hasDockerfile: { type: 'boolean', description: 'A Dockerfile at the root' },
  hasTests: {
    type: 'boolean',
    description:
      'A tests folder, or test files (*.test.*, *_test.go, test_*.py)',
  },
};

/** How deep folders are walked; enough for .github/workflows/x.yml and src/x/y.test.ts. */
const MAX_DEPTH = 4;
const SKIP = new Set(['node_modules', '.git', 'dist', 'build', 'vendor']);
const PARALLEL = 8;
const ENTITY_TIMEOUT_MS = 15_000;
/**
 * How long one listing of a source serves every entity that comes from it. A
 * team's catalog file or a monorepo holds many entities, and a full run at
 * 100,000 entities would otherwise walk each folder (or read each tree
 * through the UrlReader) once per entity.
 */
const LISTING_TTL_MS = 30_000;
const MAX_LISTINGS = 10_000;

/**
 * Facts about the files in an entity's source: the folder of the catalog
 * file it came from (`file:` locations, read directly and never outside that
 * folder), or its `backstage.io/source-location` / `url:` location, read
 * through the UrlReader.
 */
export class RepositoryFactProvider implements FactProvider {
  readonly id = 'repository';
  readonly facts = facts;
  /** For a whole batch; each entity also has ENTITY_TIMEOUT_MS. */
  readonly timeoutMs = 120_000;

  /** Listings by source, in the order they were made. */
  private readonly listings = new Map<
    string,
    { madeAt: number; files: Promise<string[]> }
  >();

  constructor(
    private readonly urlReader: UrlReaderService,
    private readonly now: () => number = Date.now,
  ) {}

  async getFacts(
    entities: Entity[],
    options: { signal: AbortSignal },
  ): Promise<Map<string, EntityFacts>> {
    const result = new Map<string, EntityFacts>();
    await forEachInParallel(entities, PARALLEL, async entity => {
      if (options.signal.aborted) return;
      const ref = stringifyEntityRef(entity);
      try {
        const source = sourceOf(entity);
        if (!source) {
          throw new Error(
            'the entity has no source location (backstage.io/source-location or a file:/url: managed-by-location)',
          );
        }
        result.set(ref, factsOf(await this.filesOf(source, options.signal)));
      } catch (e) {
        result.set(ref, e instanceof Error ? e : new Error(String(e)));
      }
    });
    return result;
  }

  /**
   * The source's files, from a listing made in the last LISTING_TTL_MS (or
   * being made) when there is one. Failed listings are not kept.
   */
  private filesOf(source: Source, signal: AbortSignal): Promise<string[]> {
    const key = `${source.type}:${source.target}`;
    const now = this.now();
    const kept = this.listings.get(key);
    if (kept && now - kept.madeAt < LISTING_TTL_MS) return kept.files;
    this.listings.delete(key);
    const files = withTimeout(
      s => this.listFiles(source, s),
      ENTITY_TIMEOUT_MS,
      `reading its source took over ${ENTITY_TIMEOUT_MS} ms`,
      signal,
    );
    this.listings.set(key, { madeAt: now, files });
    files.catch(() => {
      if (this.listings.get(key)?.files === files) this.listings.delete(key);
    });
    for (const [oldest, listing] of this.listings) {
      if (
        this.listings.size <= MAX_LISTINGS &&
        now - listing.madeAt < LISTING_TTL_MS
      ) {
        break;
      }
      this.listings.delete(oldest);
    }
    return files;
  }

  /** Paths relative to the source folder, `/`-separated. */
  private async listFiles(
    source: Source,
    signal: AbortSignal,
  ): Promise<string[]> {
    if (source.type === 'file') return listFolder(source.target);
    const tree = await this.urlReader.readTree(source.target, {
      signal,
      filter: p =>
        p.split('/').length <= MAX_DEPTH + 1 &&
        !p.split('/').some(s => SKIP.has(s)),
    });
    return (await tree.files()).map(f => f.path);
  }
}

/** Where an entity's source is: a folder on disk, or a URL. */
type Source = { type: 'file' | 'url'; target: string };

function sourceOf(entity: Entity): Source | undefined {
  const annotations = entity.metadata.annotations ?? {};
  const source = annotations['backstage.io/source-location'];
  if (source?.startsWith('url:'))
    return { type: 'url', target: source.slice(4) };
  const location = annotations['backstage.io/managed-by-location'] ?? '';
  if (location.startsWith('file:')) {
    return { type: 'file', target: path.dirname(location.slice(5)) };
  }
  if (location.startsWith('url:')) {
    return { type: 'url', target: location.slice(4).replace(/[^/]*$/, '') };
  }
  return undefined;
}

/**
 * The files under a folder, walking no deeper than MAX_DEPTH and following no
 * link that leads outside it.
 */
async function listFolder(root: string): Promise<string[]> {
  const realRoot = await fs.promises.realpath(root);
  const inside = (p: string) =>
    p === realRoot ||
    p.startsWith(realRoot.endsWith(path.sep) ? realRoot : realRoot + path.sep);
  const files: string[] = [];
  const walk = async (dir: string, rel: string, depth: number) => {
    for (const entry of await fs.promises.readdir(dir, {
      withFileTypes: true,
    })) {
      if (SKIP.has(entry.name)) continue;
      let full = path.join(dir, entry.name);
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          full = await fs.promises.realpath(full);
        } catch {
          continue; // dangling
        }
        if (!inside(full)) continue;
        isDir = (await fs.promises.stat(full)).isDirectory();
      }
      if (isDir) {
        files.push(`${relPath}/`);
        if (depth < MAX_DEPTH) await walk(full, relPath, depth + 1);
      } else {
        files.push(relPath);
      }
    }
  };
  await walk(realRoot, '', 0);
  return files;
}

function factsOf(files: string[]): EntityFacts {
  const has = (re: RegExp) => files.some(f => re.test(f));
  return {
    hasReadme: has(/^readme(\.(md|markdown|rst|txt|adoc))?$/i),
    hasCodeowners: has(/^(\.github\/|docs\/)?CODEOWNERS$/),
    hasCiWorkflow: has(
      /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|Jenkinsfile|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml)$/,
    ),
    hasLicense: has(/^(LICEN[CS]E|COPYING)(\.[a-z]+)?$/i),
    hasDockerfile: has(/^(Dockerfile|[^/]+\.Dockerfile)$/),
    hasTests: has(
      /(^|\/)(tests?|__tests__|spec)\/|\.(test|spec)\.[a-z]+$|_test\.go$|(^|\/)test_[^/]+\.py$/,
    ),
  };
}
