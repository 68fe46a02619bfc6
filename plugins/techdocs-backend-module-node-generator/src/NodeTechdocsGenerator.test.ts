import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  NodeTechdocsGenerator,
  NodeTechdocsGeneratorOptions,
} from './NodeTechdocsGenerator';
import { DocsBuildError } from './DocsBuildError';
import { writeSnippetBomb, writeSymlinkFanout } from './__testUtils__/badSites';

type Files = Record<string, string | Buffer>;

// Each generator starts a worker process for its first build, which takes
// seconds on a busy machine; a few builds run into their limits on purpose.
jest.setTimeout(60_000);

const made: string[] = [];
/** One generator per set of options: each keeps its worker for the next build. */
const generators = new Map<string, NodeTechdocsGenerator>();
afterAll(async () => {
  await Promise.all([...generators.values()].map(g => g.close()));
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true }));
});

function generator(options?: NodeTechdocsGeneratorOptions) {
  const key = JSON.stringify(options ?? {});
  let found = generators.get(key);
  if (!found) {
    found = new NodeTechdocsGenerator(options);
    generators.set(key, found);
  }
  return found;
}

function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-node-'));
  made.push(dir);
  return dir;
}

function writeRepoFiles(dir: string, files: Files) {
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
}

/** Builds a site from `files` and returns a reader of its output and its build log. */
async function build(files: Files, options?: NodeTechdocsGeneratorOptions) {
  const root = tmp();
  const inputDir = path.join(root, 'repo');
  const outputDir = path.join(root, 'site');
  writeRepoFiles(inputDir, files);
  const logStream = new PassThrough();
  const lines: string[] = [];
  logStream.on('data', chunk =>
    lines.push(...String(chunk).split('\n').filter(Boolean)),
  );
  const run = generator(options).run({
    inputDir,
    outputDir,
    logger: mockServices.logger.mock() as any,
    logStream,
  });
  return {
    run,
    log: lines,
    inputDir,
    read: (file: string) => fs.readFileSync(path.join(outputDir, file), 'utf8'),
    exists: (file: string) => fs.existsSync(path.join(outputDir, file)),
  };
}

async function site(files: Files, options?: NodeTechdocsGeneratorOptions) {
  const result = await build(files, options);
  await result.run;
  return result;
}

async function failure(files: Files, options?: NodeTechdocsGeneratorOptions) {
  const result = await build(files, options);
  const error = await result.run.then(
    () => undefined,
    e => e as Error,
  );
  expect(error).toBeInstanceOf(Error);
  return { error: error!, message: error!.message, log: result.log.join('\n') };
}

/** Builds the repository `write` creates; resolves to the outcome and the build log. */
async function buildRepo(
  write: (dir: string) => void,
  options?: NodeTechdocsGeneratorOptions,
) {
  const inputDir = path.join(tmp(), 'repo');
  const outputDir = path.join(tmp(), 'site');
  write(inputDir);
  const logStream = new PassThrough();
  const lines: string[] = [];
  logStream.on('data', chunk =>
    lines.push(...String(chunk).split('\n').filter(Boolean)),
  );
  const error = await generator(options)
    .run({
      inputDir,
      outputDir,
      logger: mockServices.logger.mock() as any,
      logStream,
    })
    .then(
      () => undefined,
      e => e as DocsBuildError,
    );
  return {
    error,
    log: lines,
    read: (file: string) => fs.readFileSync(path.join(outputDir, file), 'utf8'),
    exists: (file: string) => fs.existsSync(path.join(outputDir, file)),
  };
}

/** The longest the event loop went without running a timer while `work` ran. */
async function longestStall(work: Promise<unknown>) {
  let last = performance.now();
  let longest = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
  }, 10);
  try {
    await work;
  } finally {
    clearInterval(timer);
  }
  return longest;
}

/** Size limits high enough for the bomb to reach the time or memory limit. */
const unlimitedSizes = {
  maxPageBytes: 4 * 1024 ** 3,
  maxSiteBytes: 4 * 1024 ** 3,
  maxOutputBytes: 4 * 1024 ** 3,
};
const KEY = 'techdocs.nodeGenerator.limits';

const mkdocs = (extra = '') => `site_name: Demo docs\n${extra}`;

describe('NodeTechdocsGenerator', () => {
  describe('mkdocs.yml', () => {
    it('builds one index.html per page with the nav, titles and external links', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(`nav:
  - Home: index.md
  - Guides:
      - Getting started: guides/start.md
      - guides/deep.md
  - Status page: https://status.example.com
`),
        'docs/index.md': '# Welcome\n',
        'docs/guides/start.md': '# Start here\n',
        'docs/guides/deep.md': '# Deep dive\n',
      });
      const home = s.read('index.html');
      expect(s.exists('guides/start/index.html')).toBe(true);
      expect(s.exists('guides/deep/index.html')).toBe(true);
      // The nav's title wins over the page's first heading, as in MkDocs.
      expect(home).toContain('<title>Home - Demo docs</title>');
      expect(home).toMatch(
        /class="md-nav__link md-nav__link--active">Home<\/a>/,
      );
      expect(home).toContain(
        '<a href="guides/start/" class="md-nav__link">Getting started</a>',
      );
      expect(home).toContain(
        '<a href="guides/deep/" class="md-nav__link">Deep dive</a>',
      );
      expect(home).toContain(
        '<a href="https://status.example.com" class="md-nav__link">Status page</a>',
      );
      expect(home).toContain('class="md-container"');
      expect(home).toContain('class="md-sidebar md-sidebar--primary"');
      expect(home).toContain('class="md-content__inner md-typeset"');
      expect(home).toContain('class="md-footer"');
      const start = s.read('guides/start/index.html');
      expect(start).toContain('<a href="../../" class="md-nav__link">Home</a>');
    });

    it('builds the default nav from the folder tree, index first', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
        'docs/zeta.md': '# Zeta\n',
        'docs/alpha.md': '# Alpha\n',
        'docs/ops/runbook.md': '# Runbook\n',
      });
      const nav = [
        ...s
          .read('index.html')
          .matchAll(/class="md-nav__link[^"]*"[^>]*>([^<]+)</g),
      ].map(m => m[1]);
      expect(nav).toEqual(['Home', 'Alpha', 'Ops', 'Runbook', 'Zeta']);
    });

    it('reads docs_dir, repo_url and edit_uri (the edit link), INHERIT and allowed !ENV', async () => {
      process.env.DOCS_TEAM = 'Platform';
      const s = await site(
        {
          'base.yml':
            'site_name: Inherited\nrepo_url: https://git.example.com/org/repo\nedit_uri: edit/main/documentation/\n',
          'mkdocs.yml':
            'INHERIT: base.yml\ndocs_dir: documentation\nsite_description: !ENV [DOCS_TEAM, nobody]\n',
          'documentation/index.md': '# Home\n',
        },
        { envAllowlist: ['DOCS_TEAM'] },
      );
      expect(s.read('index.html')).toContain(
        '<a href="https://git.example.com/org/repo/edit/main/documentation/index.md" title="Edit this page"',
      );
      expect(JSON.parse(s.read('techdocs_metadata.json'))).toMatchObject({
        site_name: 'Inherited',
        site_description: 'Platform',
      });
    });

    it('does not read environment variables that are not allowed, and says so', async () => {
      process.env.SECRET_TOKEN = 'hunter2';
      const s = await site({
        'mkdocs.yml': 'site_name: !ENV [SECRET_TOKEN, Docs]\n',
        'docs/index.md': '# Home\n',
      });
      expect(s.read('index.html')).not.toContain('hunter2');
      expect(s.log.join('\n')).toContain(
        'mkdocs.yml: !ENV SECRET_TOKEN is not in techdocs.nodeGenerator.envAllowlist',
      );
    });

    it('warns about unknown plugins and extensions and builds anyway', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(
          'plugins: [techdocs-core, macros]\nmarkdown_extensions:\n  - admonition\n  - pymdownx.critic: {}\n',
        ),
        'docs/index.md': '# Home\n',
      });
      const log = s.log.join('\n');
      expect(log).toContain(
        "WARNING mkdocs.yml: plugin 'macros' is not supported and is ignored",
      );
      expect(log).toContain(
        "WARNING mkdocs.yml: markdown extension 'pymdownx.critic' is not supported",
      );
      expect(s.exists('index.html')).toBe(true);
    });
  });

  describe('Markdown', () => {
    const page = async (markdown: string, extra: Files = {}) =>
      (
        await site({
          'mkdocs.yml': mkdocs(),
          'docs/index.md': markdown,
          ...extra,
        })
      ).read('index.html');

    it('renders tables and highlighted fenced code', async () => {
      const html = await page(
        '| a | b |\n|---|--:|\n| 1 | 2 |\n\n```ts\nconst x: number = 1;\n```\n',
      );
      expect(html).toContain('<th>a</th>');
      expect(html).toContain('<td style="text-align:right">2</td>');
      expect(html).toContain(
        '<div class="language-ts highlight"><pre><span></span><code><span class="hljs-keyword">const</span>',
      );
    });

    it('highlights any language highlight.js knows, and escapes code in one it does not', async () => {
      const html = await page(
        '```rust\nfn main() {}\n```\n\n```nosuchlang\n<b>x</b>\n```\n',
      );
      expect(html).toContain(
        '<div class="language-rust highlight"><pre><span></span><code><span class="hljs-keyword">fn</span>',
      );
      expect(html).toContain(
        '<div class="language-text highlight"><pre><span></span><code>&lt;b&gt;x&lt;/b&gt;\n</code>',
      );
    });

    it('renders admonitions, collapsible and open details, with Markdown inside', async () => {
      const html = await page(
        '!!! warning "Mind the gap"\n    Body with **bold**.\n\n??? tip\n    Hidden.\n\n???+ note "Open"\n    Shown.\n\nAfter.\n',
      );
      expect(html).toContain(
        '<div class="admonition warning">\n<p class="admonition-title">Mind the gap</p>\n<p>Body with <strong>bold</strong>.</p>\n</div>',
      );
      expect(html).toContain(
        '<details class="tip">\n<summary>Tip</summary>\n<p>Hidden.</p>\n</details>',
      );
      expect(html).toContain('<details class="note" open>');
      expect(html).toContain('<p>After.</p>');
    });

    it('renders task lists, footnotes, definition lists, abbreviations and emoji', async () => {
      const html = await page(
        '- [x] done\n- [ ] todo\n\nText[^1] about HTML :rocket:\n\n[^1]: The note.\n\nTerm\n:   Definition\n\n*[HTML]: Hyper Text Markup Language\n',
      );
      expect(html).toContain(
        '<label><input class="task-list-item-checkbox" checked disabled type="checkbox" /> done</label>',
      );
      expect(html).toContain(
        '<label><input class="task-list-item-checkbox" disabled type="checkbox" /> todo</label>',
      );
      expect(html).toContain('class="footnote-ref"');
      expect(html).toContain('The note.');
      expect(html).toContain('<dt>Term</dt>');
      expect(html).toContain(
        '<abbr title="Hyper Text Markup Language">HTML</abbr>',
      );
      expect(html).toContain('🚀');
    });

    it('gives headings anchors and the page a table of contents', async () => {
      const html = await page(
        '# Title\n\n## First part\n\n### A detail\n\n## Second part\n',
      );
      expect(html).toContain('<h2 id="first-part">First part</h2>');
      expect(html).toContain(
        '<a href="#first-part" class="md-nav__link">First part</a>',
      );
      expect(html).toContain('<a href="#a-detail" class="md-nav__link"');
      expect(html).toContain('aria-label="Table of contents"');
    });

    it('rewrites relative links and images to the built site', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
        'docs/guide/setup.md':
          '[back](../index.md) [ops](../ops/run.md#restart) ![diagram](img/arch.png)\n',
        'docs/guide/img/arch.png': Buffer.from([0x89, 0x50]),
        'docs/ops/run.md': '# Run\n## Restart\n',
      });
      const html = s.read('guide/setup/index.html');
      expect(html).toContain('<a href="../../">back</a>');
      expect(html).toContain('<a href="../../ops/run/#restart">ops</a>');
      expect(html).toContain('<img src="../img/arch.png" alt="diagram"');
      expect(s.exists('guide/img/arch.png')).toBe(true);
    });

    it('keeps query strings, and builds past the links MkDocs only warns about, naming their page and line', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
        'docs/guide/setup.md':
          '# Setup\n\n[search](../index.md?h=x#top)\n\n[url-style](../advanced/transports#x) [gone](gone.md) [js](javascript:alert(1))\n',
      });
      const html = s.read('guide/setup/index.html');
      expect(html).toContain('<a href="../../?h=x#top">search</a>');
      expect(html).toContain(
        '<a href="../advanced/transports#x">url-style</a> <a href="gone.md">gone</a> <a>js</a>',
      );
      expect(s.log).toEqual(
        expect.arrayContaining([
          "WARNING docs/guide/setup.md:5: contains an unrecognized relative link '../advanced/transports#x', it was left as is",
          "WARNING docs/guide/setup.md:5: contains a link 'gone.md', but the target 'guide/gone.md' is not found among documentation files; it was left as is",
          'WARNING docs/guide/setup.md:5: a `javascript:` link is dropped (its text stays): such URLs can run script',
        ]),
      );
    });

    it('includes snippets from the repository, and mkdocs.yml sets their options', async () => {
      const html = await page(
        '# Home\n\n--8<-- "docs/_shared/warning.md"\n\n--8<-- "CONTRIBUTING.md"\n',
        {
          'docs/_shared/warning.md': 'Shared **text**.\n',
          'CONTRIBUTING.md': 'How to contribute.\n',
        },
      );
      expect(html).toContain('<p>Shared <strong>text</strong>.</p>');
      expect(html).toContain('<p>How to contribute.</p>');
      const { message } = await failure({
        'mkdocs.yml': mkdocs(
          'markdown_extensions:\n  - pymdownx.snippets:\n      check_paths: true\n',
        ),
        'docs/index.md': '--8<-- "gone.md"\n',
      });
      expect(message).toBe(
        "docs/index.md: snippet 'gone.md' could not be found in the base paths (check_paths is on)",
      );
    });

    it('keeps Mermaid diagrams for the browser, as Material does', async () => {
      const html = await page('```mermaid\ngraph TD; A-->B;\n```\n');
      expect(html).toContain(
        '<pre class="mermaid"><code>graph TD; A--&gt;B;</code></pre>',
      );
    });

    it('never lets raw HTML run script', async () => {
      const html = await page(
        '<script>alert(1)</script>\n\n<img src="x.png" onerror="alert(2)">\n\n<a href="javascript:alert(3)">x</a>\n\n<iframe src="https://evil.example"></iframe>\n',
        { 'docs/x.png': 'png' },
      );
      const body = html.slice(html.indexOf('<article'));
      expect(body).not.toMatch(/<script|onerror|javascript:|<iframe/i);
    });
  });

  describe('output for the reader and search', () => {
    it('writes techdocs_metadata.json and a search index with every page and section', async () => {
      const s = await site({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\nWelcome.\n',
        'docs/inner.md':
          '# Inner\n\n## Retries\n\nOnly here: idempotency-lantern.\n',
      });
      const metadata = JSON.parse(s.read('techdocs_metadata.json'));
      expect(metadata.site_name).toBe('Demo docs');
      expect(metadata.files).toEqual(
        expect.arrayContaining(['index.html', 'inner/index.html']),
      );
      const index = JSON.parse(s.read('search/search_index.json'));
      expect(index.docs).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ location: 'inner/', title: 'Inner' }),
          {
            location: 'inner/#retries',
            title: 'Retries',
            text: 'Retries Only here: idempotency-lantern.',
          },
        ]),
      );
    });
  });

  describe('bad input', () => {
    it('a missing mkdocs.yml', async () => {
      const { message, log } = await failure({ 'docs/index.md': '# Home\n' });
      expect(message).toBe(
        'mkdocs.yml: not found: the docs folder needs an mkdocs.yml (or mkdocs.yaml) at its root',
      );
      expect(log).toContain(`ERROR ${message}`);
    });

    it('a YAML error, with its line', async () => {
      const { message } = await failure({
        'mkdocs.yml': 'site_name: Demo\nnav:\n  - Home: index.md\n - broken\n',
        'docs/index.md': '# Home\n',
      });
      expect(message).toMatch(
        /^mkdocs\.yml: YAML error at line 4, column \d+: /,
      );
    });

    it.each([
      [
        'a relative include',
        '--8<-- "../../etc/passwd"',
        "docs/index.md: snippet '../../etc/passwd' leaves the docs repository",
      ],
      [
        'an absolute include',
        '--8<-- "/etc/passwd"',
        "docs/index.md: snippet '/etc/passwd' leaves the docs repository (absolute paths are not allowed)",
      ],
      [
        'an image outside',
        '![x](../../secret.png)',
        "docs/index.md: image '../../secret.png' leaves the docs repository",
      ],
    ])('%s leaving the docs folder', async (_what, markdown, expected) => {
      const { message } = await failure({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': markdown,
      });
      expect(message).toBe(expected);
    });

    it('a build that fails on its third page leaves no partial site', async () => {
      const root = tmp();
      const inputDir = path.join(root, 'repo');
      const outputDir = path.join(root, 'site');
      writeRepoFiles(inputDir, {
        'mkdocs.yml': mkdocs(),
        'docs/a.md': '# A\n',
        'docs/b.md': '# B\n',
        'docs/c.md': '# C\n\n[out](../../../secret.md)\n',
        'docs/d.md': '# D\n',
      });
      fs.mkdirSync(outputDir);
      const error = await generator()
        .run({
          inputDir,
          outputDir,
          logger: mockServices.logger.mock() as any,
        })
        .catch(e => e as Error);
      expect((error as Error).message).toBe(
        "docs/c.md: link '../../../secret.md' leaves the docs repository",
      );
      // Pages a and b were built before c failed; none of them is left.
      expect(fs.readdirSync(outputDir)).toEqual([]);
      expect(fs.readdirSync(root).sort()).toEqual(['repo', 'site']);
    });

    it('a symlink out of the docs folder', async () => {
      const result = await build({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
      });
      await result.run;
      fs.symlinkSync('/etc', path.join(result.inputDir, 'docs', 'etc'));
      const again = await generator()
        .run({
          inputDir: result.inputDir,
          outputDir: path.join(tmp(), 'site'),
          logger: mockServices.logger.mock() as any,
        })
        .catch(e => e as Error);
      expect((again as Error).message).toBe(
        'docs/etc: is a symlink that leaves the docs folder',
      );
    });

    it('a page of several MB', async () => {
      const { message } = await failure({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
        'docs/huge.md': 'x'.repeat(3 * 1024 * 1024),
      });
      expect(message).toBe(
        'docs/huge.md: is over 2 MiB with its snippets included, the limit for one page; split it into several pages or include less, or raise techdocs.nodeGenerator.limits.maxPageBytes (now 2097152)',
      );
    });

    it('invalid UTF-8', async () => {
      const { message } = await failure({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': Buffer.concat([
          Buffer.from('# Home\nok '),
          Buffer.from([0xff, 0xfe]),
        ]),
      });
      expect(message).toBe(
        'docs/index.md: is not valid UTF-8 (first invalid byte at offset 10); save it as UTF-8',
      );
    });
  });

  describe('limits: one repository cannot take the backend down', () => {
    it('stops a snippet bomb at the page limit, naming the page and the key', async () => {
      const { error, log, exists } = await buildRepo(writeSnippetBomb);
      expect(error).toBeInstanceOf(DocsBuildError);
      expect(error!.message).toBe(
        `docs/index.md: is over 2 MiB with its snippets included, the limit for one page; split it into several pages or include less, or raise ${KEY}.maxPageBytes (now 2097152)`,
      );
      expect(error!.limit).toBe(`${KEY}.maxPageBytes`);
      expect(log).toContain(`ERROR ${error!.message}`);
      expect(exists('index.html')).toBe(false);
    });

    it('builds off the event loop, and stops a build at the time limit', async () => {
      const options = {
        limits: { ...unlimitedSizes, maxHeapMegabytes: 4096, timeoutMs: 1500 },
      };
      const outcome = buildRepo(writeSnippetBomb, options);
      // The bomb expands for longer than the limit: were it on this thread,
      // no timer would run until the build stopped.
      expect(await longestStall(outcome)).toBeLessThan(500);
      const { error } = await outcome;
      expect(error!.message).toBe(
        `the build took longer than 1.5 s, the limit for one build, and was stopped while building docs/index.md; split the site into several sites, or raise ${KEY}.timeout (now 1.5 s)`,
      );
      expect(error!.limit).toBe(`${KEY}.timeout`);

      // The same generator builds the next site in a new worker.
      const next = await site(
        { 'mkdocs.yml': mkdocs(), 'docs/index.md': '# Next\n' },
        options,
      );
      expect(next.read('index.html')).toContain('<h1 id="next">Next</h1>');
    });

    it('stops a build at the memory limit, and the backend lives on', async () => {
      const options = {
        limits: { ...unlimitedSizes, maxHeapMegabytes: 64, timeoutMs: 60_000 },
      };
      const { error } = await buildRepo(writeSnippetBomb, options);
      expect(error!.message).toBe(
        `the build needed more than 64 MB of memory, the limit for one build, and was stopped while building docs/index.md; split the site into several sites, or raise ${KEY}.maxHeapMegabytes (now 64)`,
      );
      const next = await site(
        { 'mkdocs.yml': mkdocs(), 'docs/index.md': '# Next\n' },
        options,
      );
      expect(next.exists('index.html')).toBe(true);
    });

    it('builds a symlink fan-out once per folder, warning about each link it skips', async () => {
      const { error, log, read } = await buildRepo(writeSymlinkFanout);
      expect(error).toBeUndefined();
      const pages = JSON.parse(read('techdocs_metadata.json')).files.filter(
        (f: string) => f.endsWith('index.html'),
      );
      expect(pages).toHaveLength(11);
      expect(pages).toContain('a/a/a/a/a/a/a/a/a/a/level-10/index.html');
      const skipped = log.filter(l => l.includes('skipped: it is the folder'));
      expect(skipped).toHaveLength(10);
      expect(skipped[0]).toBe(
        'WARNING docs/b: skipped: it is the folder docs/a again, through a symlink, and each folder is built once',
      );
    });

    it('builds a folder under its own path, not a link to it, and follows no loop', async () => {
      const { error, log, exists } = await buildRepo(dir => {
        fs.mkdirSync(path.join(dir, 'docs', 'guide'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'mkdocs.yml'), mkdocs());
        fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# Home\n');
        fs.writeFileSync(path.join(dir, 'docs', 'guide', 'a.md'), '# A\n');
        fs.symlinkSync('guide', path.join(dir, 'docs', 'aaa'), 'dir');
        fs.symlinkSync('..', path.join(dir, 'docs', 'guide', 'up'), 'dir');
        fs.symlinkSync('a.md', path.join(dir, 'docs', 'guide', 'b.md'));
      });
      expect(error).toBeUndefined();
      expect(exists('guide/a/index.html')).toBe(true);
      // A link to a page is a page, as in MkDocs.
      expect(exists('guide/b/index.html')).toBe(true);
      expect(exists('aaa/a/index.html')).toBe(false);
      expect(log).toEqual(
        expect.arrayContaining([
          'WARNING docs/aaa: skipped: it is the folder docs/guide again, through a symlink, and each folder is built once',
          'WARNING docs/guide/up: skipped: it is the folder docs again, through a symlink, and each folder is built once',
        ]),
      );
    });

    it('refuses a symlink to nothing, naming it', async () => {
      const { error } = await buildRepo(dir => {
        fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
        fs.writeFileSync(path.join(dir, 'mkdocs.yml'), mkdocs());
        fs.writeFileSync(path.join(dir, 'docs', 'index.md'), '# Home\n');
        fs.symlinkSync('gone.md', path.join(dir, 'docs', 'old.md'));
      });
      expect(error!.message).toBe(
        'docs/old.md: is a symlink to a file that does not exist',
      );
    });

    it('counts the site with its snippets included', async () => {
      const { error, message } = await failure(
        {
          'mkdocs.yml': mkdocs(),
          'docs/a.md': '--8<-- "docs/shared/x.txt"\n',
          'docs/b.md': '--8<-- "docs/shared/x.txt"\n',
          'docs/shared/x.txt': 'x'.repeat(600),
        },
        { limits: { maxSiteBytes: 1000 } },
      );
      expect(message).toBe(
        `the site is over 1000 bytes of Markdown with its snippets included, the limit for one site (reached at docs/b.md); split it into several sites or include less, or raise ${KEY}.maxSiteBytes (now 1000)`,
      );
      expect((error as DocsBuildError).file).toBeUndefined();
    });

    it('stops at the page count limit', async () => {
      const { message } = await failure(
        {
          'mkdocs.yml': mkdocs(),
          'docs/a.md': '# A\n',
          'docs/b.md': '# B\n',
          'docs/c.md': '# C\n',
        },
        { limits: { maxPages: 2 } },
      );
      expect(message).toBe(
        `the site has more than 2 pages, the limit for one site; split it into several sites, or raise ${KEY}.maxPages (now 2)`,
      );
    });

    it('stops before writing more than the output limit', async () => {
      const { message } = await failure(
        {
          'mkdocs.yml': mkdocs(),
          'docs/index.md': '# Home\n',
          'docs/picture.png': Buffer.alloc(8192),
        },
        { limits: { maxOutputBytes: 8192 } },
      );
      expect(message).toBe(
        `the build would write more than 8 KiB, the limit for one build; split the site into several sites, or raise ${KEY}.maxOutputBytes (now 8192)`,
      );
    });

    it('runs one build at a time per worker allowed, the next waiting its turn', async () => {
      const options = {
        limits: {
          ...unlimitedSizes,
          maxHeapMegabytes: 4096,
          timeoutMs: 1500,
          concurrency: 1,
        },
      };
      const finished: string[] = [];
      const bomb = buildRepo(writeSnippetBomb, options).then(() =>
        finished.push('bomb'),
      );
      const small = site(
        { 'mkdocs.yml': mkdocs(), 'docs/index.md': '# Small\n' },
        options,
      ).then(() => finished.push('small'));
      await Promise.all([bomb, small]);
      expect(finished).toEqual(['bomb', 'small']);
    });

    it('reads its limits from techdocs.nodeGenerator.limits', async () => {
      const configured = NodeTechdocsGenerator.fromConfig(
        new ConfigReader({
          techdocs: {
            nodeGenerator: { limits: { maxPages: 1, timeout: '30s' } },
          },
        }),
      );
      generators.set('fromConfig', configured);
      const inputDir = path.join(tmp(), 'repo');
      writeRepoFiles(inputDir, {
        'mkdocs.yml': mkdocs(),
        'docs/a.md': '# A\n',
        'docs/b.md': '# B\n',
      });
      await expect(
        configured.run({
          inputDir,
          outputDir: path.join(tmp(), 'site'),
          logger: mockServices.logger.mock() as any,
        }),
      ).rejects.toThrow(`raise ${KEY}.maxPages (now 1)`);

      expect(() =>
        NodeTechdocsGenerator.fromConfig(
          new ConfigReader({
            techdocs: { nodeGenerator: { limits: { maxPages: 0 } } },
          }),
        ),
      ).toThrow(`${KEY}.maxPages must be a positive whole number, got 0`);
    });
  });
});
