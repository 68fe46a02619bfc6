import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { mockServices } from '@backstage/backend-test-utils';
import {
  NodeTechdocsGenerator,
  NodeTechdocsGeneratorOptions,
} from './NodeTechdocsGenerator';

type Files = Record<string, string | Buffer>;

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

function tmp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-node-'));
  made.push(dir);
  return dir;
}

/** Builds a site from `files` and returns a reader of its output and its build log. */
async function build(files: Files, options?: NodeTechdocsGeneratorOptions) {
  const root = tmp();
  const inputDir = path.join(root, 'repo');
  const outputDir = path.join(root, 'site');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(inputDir, name)), { recursive: true });
    fs.writeFileSync(path.join(inputDir, name), content);
  }
  const logStream = new PassThrough();
  const lines: string[] = [];
  logStream.on('data', chunk =>
    lines.push(...String(chunk).split('\n').filter(Boolean)),
  );
  const run = new NodeTechdocsGenerator(options).run({
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

async function failure(files: Files) {
  const result = await build(files);
  const error = await result.run.then(
    () => undefined,
    e => e as Error,
  );
  expect(error).toBeDefined();
  return { message: error!.message, log: result.log.join('\n') };
}

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
          'plugins: [techdocs-core, macros]\nmarkdown_extensions:\n  - admonition\n  - pymdownx.magiclink: {}\n',
        ),
        'docs/index.md': '# Home\n',
      });
      const log = s.log.join('\n');
      expect(log).toContain(
        "WARNING mkdocs.yml: plugin 'macros' is not supported and is ignored",
      );
      expect(log).toContain(
        "WARNING mkdocs.yml: markdown extension 'pymdownx.magiclink' is not supported",
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
        '<div class="highlight"><pre><code class="language-ts hljs"><span class="hljs-keyword">const</span>',
      );
    });

    it('highlights any language highlight.js knows, and escapes code in one it does not', async () => {
      const html = await page(
        '```rust\nfn main() {}\n```\n\n```nosuchlang\n<b>x</b>\n```\n',
      );
      expect(html).toContain(
        '<code class="language-rust hljs"><span class="hljs-keyword">fn</span>',
      );
      expect(html).toContain(
        '<code class="language-nosuchlang hljs">&lt;b&gt;x&lt;/b&gt;\n</code>',
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

    it('includes snippets from the docs folder', async () => {
      const html = await page('# Home\n\n--8<-- "_shared/warning.md"\n', {
        'docs/_shared/warning.md': 'Shared **text**.\n',
      });
      expect(html).toContain('<p>Shared <strong>text</strong>.</p>');
    });

    it('keeps Mermaid diagrams for the browser, as Material does', async () => {
      const html = await page('```mermaid\ngraph TD; A-->B;\n```\n');
      expect(html).toContain(
        '<pre class="mermaid"><code>graph TD; A--&gt;B;\n</code></pre>',
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

    it('a nav entry naming a missing page', async () => {
      const { message } = await failure({
        'mkdocs.yml': mkdocs(
          'nav:\n  - Home: index.md\n  - Runbook: runbook.md\n',
        ),
        'docs/index.md': '# Home\n',
      });
      expect(message).toBe(
        "mkdocs.yml: nav entry 'Runbook: runbook.md' names a page that does not exist in the docs folder",
      );
    });

    it.each([
      [
        'a relative include',
        '--8<-- "../../etc/passwd"',
        "docs/index.md: snippet '../../etc/passwd' leaves the docs folder",
      ],
      [
        'an absolute include',
        '--8<-- "/etc/passwd"',
        "docs/index.md: snippet '/etc/passwd' leaves the docs folder (absolute paths are not allowed)",
      ],
      [
        'an image outside',
        '![x](../../secret.png)',
        "docs/index.md: image '../../secret.png' leaves the docs folder",
      ],
    ])('%s leaving the docs folder', async (_what, markdown, expected) => {
      const { message } = await failure({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': markdown,
      });
      expect(message).toBe(expected);
    });

    it('a symlink out of the docs folder', async () => {
      const result = await build({
        'mkdocs.yml': mkdocs(),
        'docs/index.md': '# Home\n',
      });
      await result.run;
      fs.symlinkSync('/etc', path.join(result.inputDir, 'docs', 'etc'));
      const again = await new NodeTechdocsGenerator()
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
        'docs/huge.md: is 3.0 MB, over the 2.0 MB limit for one page; split it into several pages',
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
});
