import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from './buildSite';
import { DEFAULT_BUILD_LIMITS } from './limits';
import { DocsBuildError } from '../DocsBuildError';

type Files = Record<string, string>;

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

function writeRepo(files: Files) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-site-'));
  made.push(root);
  const inputDir = path.join(root, 'repo');
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(inputDir, name)), { recursive: true });
    fs.writeFileSync(path.join(inputDir, name), content);
  }
  return { root, inputDir, outputDir: path.join(root, 'site') };
}

/** Builds `files` in this process; returns the build log and a reader of the output. */
function build(
  files: Files,
  options: {
    parsedLocationAnnotation?: { type: string; target: string };
    before?: (inputDir: string, root: string) => void;
  } = {},
) {
  const { root, inputDir, outputDir } = writeRepo(files);
  options.before?.(inputDir, root);
  const log: string[] = [];
  buildSite(
    {
      inputDir,
      outputDir,
      envAllowlist: [],
      env: {},
      limits: DEFAULT_BUILD_LIMITS,
      parsedLocationAnnotation: options.parsedLocationAnnotation,
    },
    { log: line => log.push(line), page: () => {} },
  );
  return {
    log,
    warnings: log.filter(l => l.startsWith('WARNING ')),
    read: (file: string) => fs.readFileSync(path.join(outputDir, file), 'utf8'),
    exists: (file: string) => fs.existsSync(path.join(outputDir, file)),
  };
}

function buildError(
  files: Files,
  before?: (inputDir: string, root: string) => void,
) {
  try {
    build(files, { before });
  } catch (e) {
    expect(e).toBeInstanceOf(DocsBuildError);
    return e as DocsBuildError;
  }
  throw new Error('the build did not fail');
}

const yml = (extra = '') => `site_name: Demo\n${extra}`;
const navLinks = (html: string) =>
  [
    ...html.matchAll(/<a href="([^"]*)" class="md-nav__link[^"]*">([^<]*)</g),
  ].map(m => `${m[2]} -> ${m[1]}`);

describe('buildSite', () => {
  describe('front matter', () => {
    it('is metadata, never content: not in the page, its TOC or search', () => {
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': '# Home\n',
        'docs/alerts.md':
          '---\nicon: material/alert\n---\n\n## Routing\n\nAlerts go to on-call.\n',
      });
      const html = s.read('alerts/index.html');
      expect(html).not.toContain('material/alert');
      expect(html).not.toContain('<hr');
      expect(html).toContain('<h2 id="routing"');
      expect(html).toContain('<h1>Alerts</h1>');
      const search = s.read('search/search_index.json');
      expect(search).toContain('Alerts go to on-call.');
      expect(search).not.toContain('material/alert');
    });

    it('gives the page and its nav entry their title, and the description meta', () => {
      const s = build({
        'mkdocs.yml': yml('site_description: The site\n'),
        'docs/index.md': '# Home\n',
        'docs/guide.md':
          '---\ntitle: The Guide\ndescription: "How to <start>"\n---\n# Heading one\n',
      });
      const html = s.read('guide/index.html');
      expect(html).toContain('<title>The Guide - Demo</title>');
      expect(html).toContain(
        '<meta name="description" content="How to &lt;start&gt;">',
      );
      expect(navLinks(s.read('index.html'))).toContain('The Guide -> guide/');
      expect(s.read('index.html')).toContain(
        '<meta name="description" content="The site">',
      );
    });

    it('hides the navigation and the table of contents as Material does', () => {
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md':
          '---\nhide:\n  - navigation\n  - toc\n---\n# Home\n## A\n',
        'docs/other.md': '# Other\n## B\n',
      });
      expect(s.read('index.html')).toContain(
        'data-md-type="navigation" hidden>',
      );
      expect(s.read('index.html')).toContain('data-md-type="toc" hidden>');
      expect(s.read('other/index.html')).not.toContain(' hidden>');
    });

    it('links each page to the previous and next in the nav', () => {
      const s = build({
        'mkdocs.yml': yml('nav:\n  - index.md\n  - Second: b.md\n  - a.md\n'),
        'docs/index.md': '# Home\n',
        'docs/a.md': '# A\n',
        'docs/b.md': '# B\n',
      });
      const links = (file: string) =>
        [
          ...s
            .read(file)
            .matchAll(
              /<a href="([^"]*)" class="md-footer__link[^"]*" aria-label="([^"]*)"/g,
            ),
        ].map(m => `${m[2]} -> ${m[1]}`);
      expect(links('index.html')).toEqual(['Next: Second -> b/']);
      expect(links('b/index.html')).toEqual([
        'Previous: Home -> ../',
        'Next: A -> ../a/',
      ]);
      expect(links('a/index.html')).toEqual(['Previous: Second -> ../b/']);
    });

    it('names the lines of the file in warnings, after the front matter', () => {
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': '---\ntitle: Home\n---\n\nText\n\n{{ macro }}\n',
      });
      expect(s.warnings).toContain(
        'WARNING docs/index.md:7: `{{ ... }}` (mkdocs-macros / Jinja) is not rendered; the text stays as written',
      );
    });

    it('warns once per icon that is not known, naming the first page', () => {
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': '---\nicon: material/no-such-icon-here\n---\n# Home\n',
        'docs/b.md': '---\nicon: material/no-such-icon-here\n---\n# B\n',
        'docs/c.md': '---\nicon: "../../etc/passwd"\n---\n# C\n',
      });
      expect(s.warnings).toEqual([
        "WARNING docs/b.md: front matter icon 'material/no-such-icon-here' is not an icon this generator has; the nav shows the title alone (and on 1 more pages)",
        "WARNING docs/c.md: front matter icon '../../etc/passwd' is not an icon this generator has; the nav shows the title alone",
      ]);
    });

    it('warns about front matter that is not YAML and renders it as MkDocs does', () => {
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': '---\ntitle: [oops\n---\n# Home\n',
      });
      expect(s.warnings).toEqual([
        expect.stringMatching(
          /^WARNING docs\/index\.md:1: front matter is not valid YAML \(.+\); as in MkDocs, it is rendered as part of the page$/,
        ),
      ]);
      expect(s.read('index.html')).toContain('<hr>');
    });
  });

  describe('mkdocs.yml', () => {
    it.each([
      [
        'lists',
        'plugins:\n  - search\n  - tags\nmarkdown_extensions:\n  - toc:\n      permalink: true\n  - admonition\n',
      ],
      [
        'mappings',
        'plugins:\n  search: {}\n  tags:\nmarkdown_extensions:\n  toc:\n    permalink: true\n  admonition:\n',
      ],
    ])('reads plugins and markdown_extensions written as %s', (_, extra) => {
      const s = build({
        'mkdocs.yml': yml(extra),
        'docs/index.md': '---\ntags: [ops]\n---\n# Home\n',
      });
      expect(s.warnings).toEqual([]);
      // The tags plugin is on: the page shows its tag.
      expect(s.read('index.html')).toContain('<span class="md-tag">ops</span>');
    });

    it('reads !!python/name: options as the names of their Python objects, without a warning', () => {
      const s = build({
        'mkdocs.yml': yml(
          [
            'markdown_extensions:',
            '  - pymdownx.superfences:',
            '      custom_fences:',
            '        - name: flow',
            '          class: flow',
            '          format: !!python/name:pymdownx.superfences.fence_code_format',
            '  - pymdownx.emoji:',
            '      emoji_index: !!python/name:material.extensions.emoji.twemoji',
            '',
          ].join('\n'),
        ),
        'docs/index.md': '# Home\n\n```flow\na -> b\n```\n',
      });
      expect(s.warnings).toEqual([]);
      // the custom fence is honoured: fence_code_format keeps it as code
      expect(s.read('index.html')).toContain(
        '<pre class="flow"><code>a -&gt; b</code></pre>',
      );
    });

    it('warns about another Python tag, whose value is used as text', () => {
      const s = build({
        'mkdocs.yml': yml(
          'markdown_extensions:\n  - toc:\n      slugify: !!python/object/apply:pymdownx.slugs.slugify []\n',
        ),
        'docs/index.md': '# Home\n',
      });
      expect(s.warnings).toEqual([
        expect.stringMatching(
          /^WARNING mkdocs\.yml: Unresolved tag: tag:yaml\.org,2002:python\/object\/apply:pymdownx\.slugs\.slugify .*; the value is used as text$/,
        ),
      ]);
    });

    it('refuses a top-level mkdocs.yml that is a symlink out of the repository', () => {
      const error = buildError(
        { 'docs/index.md': '# Home\n' },
        (inputDir, root) => {
          fs.writeFileSync(
            path.join(root, 'secret.yml'),
            'site_name: Secret\n',
          );
          fs.symlinkSync(
            path.join(root, 'secret.yml'),
            path.join(inputDir, 'mkdocs.yml'),
          );
        },
      );
      expect(error.message).toBe(
        'mkdocs.yml: is a symlink that leaves the docs repository, so it is not read',
      );
    });

    it('refuses an INHERIT that is a symlink out of the repository', () => {
      const error = buildError(
        { 'mkdocs.yml': 'INHERIT: base.yml\n', 'docs/index.md': '# Home\n' },
        (inputDir, root) => {
          fs.writeFileSync(
            path.join(root, 'secret.yml'),
            'site_name: Secret\n',
          );
          fs.symlinkSync(
            path.join(root, 'secret.yml'),
            path.join(inputDir, 'base.yml'),
          );
        },
      );
      expect(error.message).toBe(
        "mkdocs.yml: INHERIT 'base.yml' leaves the docs folder through a symlink",
      );
    });

    it('fails on a mkdocs.yml that cannot be read with a build error naming it', () => {
      const error = buildError({
        'mkdocs.yml/x': '',
        'docs/index.md': '# Home\n',
      });
      expect(error.message).toBe('mkdocs.yml: cannot be read (EISDIR)');
    });

    it('fails on a YAML alias bomb with a build error naming the file', () => {
      const bomb = ['a: &a [x,x,x,x,x,x,x,x,x,x]']
        .concat(
          'bcdefghi'.split('').map((k, i) => {
            const prev = 'abcdefghi'[i];
            return `${k}: &${k} [${Array(10).fill(`*${prev}`).join(',')}]`;
          }),
        )
        .join('\n');
      const error = buildError({
        'mkdocs.yml': `site_name: Bomb\n${bomb}\n`,
        'docs/index.md': '# Home\n',
      });
      expect(error.message).toMatch(/^mkdocs\.yml: YAML error: .*alias/i);
    });

    it('leaves out the pages and files exclude_docs names', () => {
      const s = build({
        'mkdocs.yml': yml(
          'exclude_docs: |\n  drafts/\n  *.tmp.md\n  !keep.tmp.md\n',
        ),
        'docs/index.md': '# Home\n',
        'docs/drafts/wip.md': '# WIP\n',
        'docs/drafts/pic.png': 'png',
        'docs/notes.tmp.md': '# Notes\n',
        'docs/keep.tmp.md': '# Keep\n',
        'docs/templates/base.md': '# Template\n',
      });
      expect(s.exists('drafts/wip/index.html')).toBe(false);
      expect(s.exists('drafts/pic.png')).toBe(false);
      expect(s.exists('notes.tmp/index.html')).toBe(false);
      expect(s.exists('templates/base/index.html')).toBe(false);
      expect(s.exists('keep.tmp/index.html')).toBe(true);
      expect(navLinks(s.read('index.html'))).toEqual([
        'Home -> ./',
        'Keep -> keep.tmp/',
      ]);
    });

    it('lists pages missing from the nav, except those not_in_nav names', () => {
      const s = build({
        'mkdocs.yml': yml('nav:\n  - index.md\nnot_in_nav: |\n  /hidden/\n'),
        'docs/index.md': '# Home\n',
        'docs/orphan.md': '# Orphan\n',
        'docs/hidden/a.md': '# A\n',
      });
      expect(s.log).toContain(
        'INFO The following pages exist in the docs directory, but are not included in the "nav" configuration: orphan.md',
      );
    });

    it('links extra_css files through copies the reader keeps, and https URLs', () => {
      const s = build({
        'mkdocs.yml': yml(
          'extra_css:\n  - css/extra.css\n  - https://cdn.example.com/x.css\n  - http://insecure.example.com/y.css\n  - missing.css\n',
        ),
        'docs/index.md': '# Home\n',
        'docs/guide/page.md': '# Page\n',
        'docs/css/extra.css': '.x { color: red }',
      });
      const html = s.read('guide/page/index.html');
      const copy =
        /<link rel="stylesheet" href="\.\.\/\.\.\/(css\/extra\.main\.[0-9a-f]{8}\.min\.css)">/.exec(
          html,
        );
      expect(copy).not.toBeNull();
      expect(s.read(copy![1])).toBe('.x { color: red }');
      expect(html).toContain(
        '<link rel="stylesheet" href="https://cdn.example.com/x.css">',
      );
      expect(html).not.toContain('insecure');
      expect(html.indexOf('main.')).toBeLessThan(
        html.indexOf('css/extra.main'),
      );
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: extra_css 'http://insecure.example.com/y.css' is not an https URL or a file of the docs folder; it is not linked",
        "WARNING mkdocs.yml: extra_css 'missing.css' is not a file of the docs folder; it is not linked",
      ]);
    });

    it('never includes extra_javascript, and says so once', () => {
      const s = build({
        'mkdocs.yml': yml(
          'extra_javascript:\n  - js/a.js\n  - path: js/b.mjs\n    type: module\n',
        ),
        'docs/index.md': '# Home\n',
        'docs/js/a.js': 'alert(1)',
      });
      expect(s.warnings).toEqual([
        'WARNING mkdocs.yml: extra_javascript (js/a.js, js/b.mjs) is never included: docs run no script in the reader',
      ]);
      expect(s.read('index.html')).not.toContain('<script');
    });

    describe('edit_uri', () => {
      const editLink = (
        extra: string,
        annotation?: { type: string; target: string },
      ) => {
        const s = build(
          {
            'mkdocs.yml': yml(extra),
            'docs/index.md': '# Home\n',
            'docs/a b.md': '# A\n',
          },
          { parsedLocationAnnotation: annotation },
        );
        const href = (file: string) =>
          /<a href="([^"]*)" title="Edit this page"/.exec(s.read(file))?.[1];
        return {
          index: href('index.html'),
          spaced: href('a b/index.html'),
          warnings: s.warnings,
        };
      };

      it('follows MkDocs per host when it is not set', () => {
        expect(editLink('repo_url: https://github.com/org/repo\n').index).toBe(
          'https://github.com/org/repo/edit/master/docs/index.md',
        );
        expect(
          editLink('repo_url: https://gitlab.com/org/repo/\n').spaced,
        ).toBe('https://gitlab.com/org/repo/edit/master/docs/a%20b.md');
        expect(
          editLink('repo_url: https://bitbucket.org/org/repo\n').index,
        ).toBe('https://bitbucket.org/org/repo/src/default/docs/index.md');
        expect(
          editLink('repo_url: https://git.example.com/org/repo\n').index,
        ).toBeUndefined();
      });

      it('means no edit link when empty', () => {
        expect(
          editLink('repo_url: https://github.com/org/repo\nedit_uri: ""\n')
            .index,
        ).toBeUndefined();
      });

      it('is joined to repo_url as a URL when set', () => {
        expect(
          editLink(
            'repo_url: https://git.example.com/org/repo\nedit_uri: blob/main/docs\n',
          ).index,
        ).toBe('https://git.example.com/org/repo/blob/main/docs/index.md');
        expect(
          editLink(
            'repo_url: https://git.example.com/org/repo\nedit_uri: /other/edit/\n',
          ).index,
        ).toBe('https://git.example.com/other/edit/index.md');
        expect(
          editLink('edit_uri: https://edit.example.com/docs/\n').index,
        ).toBe('https://edit.example.com/docs/index.md');
      });

      it('comes from a url: ref without repo_url, as TechDocs derives it', () => {
        expect(
          editLink('', {
            type: 'url',
            target: 'https://github.com/org/repo/tree/main/svc',
          }).index,
        ).toBe('https://github.com/org/repo/edit/main/svc/docs/index.md');
      });
    });
  });

  describe('nav', () => {
    it('keeps a nav entry naming a folder as a link, with a warning', () => {
      const s = build({
        'mkdocs.yml': yml('nav:\n  - index.md\n  - User Guide: user-guide/\n'),
        'docs/index.md': '# Home\n',
        'docs/user-guide/index.md': '# Guide\n',
      });
      expect(s.warnings).toContain(
        "WARNING mkdocs.yml: nav entry 'User Guide: user-guide/' names a folder, not a page; as in MkDocs, it is kept as a link to 'user-guide/'",
      );
      expect(navLinks(s.read('user-guide/index.html'))).toContain(
        'User Guide -> ../user-guide/',
      );
    });

    it('keeps a nav entry naming a missing page as a link, with a warning', () => {
      const s = build({
        'mkdocs.yml': yml('nav:\n  - index.md\n  - Runbook: runbook.md\n'),
        'docs/index.md': '# Home\n',
      });
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: nav entry 'Runbook: runbook.md' names a page that is not in the docs folder; as in MkDocs, it is kept as a link to 'runbook.md'",
      ]);
      expect(navLinks(s.read('index.html'))).toContain('Runbook -> runbook.md');
    });

    it.each([
      // eslint-disable-next-line no-script-url
      'javascript://%0aalert(1)',
      // eslint-disable-next-line no-script-url
      'JaVaScRiPt:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
    ])('drops a %s nav entry with a warning', target => {
      const s = build({
        'mkdocs.yml': yml(
          `nav:\n  - index.md\n  - Click: ${JSON.stringify(target)}\n`,
        ),
        'docs/index.md': '# Home\n',
      });
      const html = s.read('index.html');
      expect(html).not.toMatch(/href="\s*(javascript|vbscript|data):/i);
      expect(html).not.toContain('>Click<');
      expect(s.warnings).toEqual([
        expect.stringMatching(
          /^WARNING mkdocs\.yml: nav entry 'Click: .*' is a (javascript|vbscript|data): URL, which could run script; it is left out of the nav$/,
        ),
      ]);
    });
  });

  describe('escaping what is written into the page', () => {
    it('a page file name cannot put a handler or markup into the nav', () => {
      const name = 'x" onmouseover="alert(1) <b>';
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': '# Home\n',
        [`docs/${name}.md`]: 'Text\n',
      });
      const html = s.read('index.html');
      expect(html).not.toContain('onmouseover="');
      expect(html).not.toContain('<b>');
      expect(navLinks(html)).toContain(
        'X&quot; onmouseover=&quot;alert(1) &lt;b&gt; -> x%22%20onmouseover%3D%22alert%281%29%20%3Cb%3E/',
      );
      expect(s.exists(`${name}/index.html`)).toBe(true);
    });

    it('a javascript: repo_url gives no edit link', () => {
      const s = build({
        'mkdocs.yml': yml(
          'repo_url: "javascript://%0aalert(1)"\nedit_uri: edit/main/docs/\n',
        ),
        'docs/index.md': '# Home\n',
      });
      expect(s.read('index.html')).not.toContain('javascript');
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: repo_url 'javascript://%0aalert(1)' is not an http(s) URL; pages get no edit link",
      ]);
    });

    it('a javascript: edit_uri gives no edit link', () => {
      const s = build({
        'mkdocs.yml': yml(
          'repo_url: https://github.com/o/r\nedit_uri: "javascript:alert(1)//"\n',
        ),
        'docs/index.md': '# Home\n',
      });
      expect(s.read('index.html')).not.toContain('javascript');
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: edit_uri 'javascript:alert(1)//' is a script URL; pages get no edit link",
      ]);
    });

    it('site_url and titles are escaped; a site_url that is not http(s) is ignored', () => {
      const s = build({
        'mkdocs.yml':
          "site_name: 'A \"site\" <i>'\nsite_url: 'https://docs.example.com/a\"b/'\n",
        'docs/index.md': '# Home\n',
        'docs/guide.md': '# Guide\n',
      });
      const html = s.read('guide/index.html');
      expect(html).toContain(
        '<link rel="canonical" href="https://docs.example.com/a%22b/guide/">',
      );
      expect(html).toContain(
        '<title>Guide - A &quot;site&quot; &lt;i&gt;</title>',
      );
      const bad = build({
        'mkdocs.yml': yml('site_url: "javascript:alert(1)"\n'),
        'docs/index.md': '# Home\n',
      });
      expect(bad.read('index.html')).not.toContain('canonical');
      expect(bad.warnings).toEqual([
        "WARNING mkdocs.yml: site_url 'javascript:alert(1)' is not an http(s) URL; it is ignored",
      ]);
    });
  });

  describe('plugins', () => {
    it("tags: shows each page's tags linked to the tags_file index, which lists them", () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  - tags:\n      tags_file: tags.md\n'),
        'docs/index.md': '---\ntags: [Ops, "<b>x</b>"]\n---\n# Home\n',
        'docs/guide/setup.md':
          '---\ntitle: Set [it] up\ntags:\n  - Ops\n---\nText\n',
        'docs/tags.md': '# Tags\n\n[TAGS]\n',
      });
      const home = s.read('index.html');
      expect(home).toContain(
        '<nav class="md-tags"><a href="tags/#ops" class="md-tag">Ops</a><a href="tags/#bxb" class="md-tag">&lt;b&gt;x&lt;/b&gt;</a></nav>',
      );
      expect(s.read('guide/setup/index.html')).toContain(
        '<a href="../../tags/#ops" class="md-tag">Ops</a>',
      );
      const index = s.read('tags/index.html');
      expect(index).toContain(
        '<h2 id="ops"><span class="md-tag">Ops</span></h2>',
      );
      expect(index).toMatch(
        /<h2 id="ops"><span class="md-tag">Ops<\/span><\/h2>\n<ul>\n<li><a href="..\/guide\/setup\/">Set \[it\] up<\/a><\/li>\n<li><a href="..\/">Home<\/a><\/li>/,
      );
      expect(index).toContain(
        '<h2 id="bxb"><span class="md-tag">&lt;b&gt;x&lt;/b&gt;</span></h2>',
      );
      expect(index).not.toContain('[TAGS]');
      expect(index).not.toContain('<b>x');
    });

    it("tags: Material 9's <!-- material/tags --> marker makes a page the index", () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  material/tags: {}\n'),
        'docs/index.md': '---\ntags: [api]\n---\n# Home\n',
        'docs/all-tags.md': '# All tags\n\n<!-- material/tags -->\n\nEnd.\n',
      });
      expect(s.read('index.html')).toContain(
        '<a href="all-tags/#api" class="md-tag">api</a>',
      );
      const index = s.read('all-tags/index.html');
      expect(index).toContain('<span class="md-tag">api</span></h2>');
      expect(index.indexOf('md-tag">api')).toBeLessThan(index.indexOf('End.'));
    });

    it('tags: hide: [tags] hides them, and tags stay text without an index', () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  - tags\n'),
        'docs/index.md': '---\ntags: [a]\nhide: [tags]\n---\n# Home\n',
      });
      expect(s.read('index.html')).toContain(
        '<nav class="md-tags" hidden><span class="md-tag">a</span></nav>',
      );
    });

    it('tags: warns about a tags_file that is not a page', () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  - tags:\n      tags_file: missing.md\n'),
        'docs/index.md': '---\ntags: [a]\n---\n# Home\n',
      });
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: tags_file 'missing.md' is not a page of the docs folder; tags are not linked",
      ]);
    });

    it('macros and mkdocstrings: named in the log, their syntax warned about per page', () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  - macros\n  - mkdocstrings\n'),
        'docs/index.md': '# Home\n\n{{ version }}\n\n::: pkg.mod\n',
      });
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: plugin 'macros' is not supported and is ignored: it runs code at build time; its `{{ ... }}` and `{% ... %}` stay as written, and each page that has them is named below",
        "WARNING mkdocs.yml: plugin 'mkdocstrings' is not supported and is ignored: it runs code at build time; its `::: identifier` stay as written, and each page that has them is named below",
        'WARNING docs/index.md:3: `{{ ... }}` (mkdocs-macros / Jinja) is not rendered; the text stays as written',
        'WARNING docs/index.md:5: `::: identifier` (mkdocstrings) is not rendered; the text stays as written',
      ]);
      expect(s.read('index.html')).toContain('<p>{{ version }}</p>');
    });

    describe('awesome-pages', () => {
      const nav = (files: Files) => {
        const s = build({
          'mkdocs.yml': yml('plugins:\n  - awesome-pages\n'),
          ...files,
        });
        return {
          links: navLinks(s.read('index.html')),
          html: s.read('index.html'),
          warnings: s.warnings,
        };
      };

      it('orders a folder by its .pages nav, with `...` for the rest, titles and links', () => {
        const { links, warnings } = nav({
          'docs/index.md': '# Home\n',
          'docs/a.md': '# A\n',
          'docs/b.md': '# B\n',
          'docs/c.md': '# C\n',
          'docs/.pages':
            'nav:\n  - c.md\n  - ...\n  - Bee: b.md\n  - Status: https://status.example.com\n',
        });
        expect(links).toEqual([
          'C -> c/',
          'Home -> ./',
          'A -> a/',
          'Bee -> b/',
          'Status -> https://status.example.com',
        ]);
        expect(warnings).toEqual([]);
      });

      it('leaves out what a nav without `...` does not list; `... | glob` takes its matches', () => {
        const { links } = nav({
          'docs/index.md': '# Home\n',
          'docs/intro-1.md': '# I1\n',
          'docs/intro-2.md': '# I2\n',
          'docs/other.md': '# Other\n',
          'docs/skipped.md': '# Skipped\n',
          'docs/.pages':
            'nav:\n  - index.md\n  - ... | intro-*.md\n  - other.md\n',
        });
        expect(links).toEqual([
          'Home -> ./',
          'I1 -> intro-1/',
          'I2 -> intro-2/',
          'Other -> other/',
        ]);
      });

      it('renames and hides folders, orders them, and keeps arrange working', () => {
        const { html, links } = nav({
          'docs/index.md': '# Home\n',
          'docs/guide/.pages': 'title: The Guide\narrange:\n  - z.md\n',
          'docs/guide/a.md': '# GA\n',
          'docs/guide/z.md': '# GZ\n',
          'docs/secret/.pages': 'hide: true\n',
          'docs/secret/s.md': '# S\n',
          'docs/ops/.pages': 'order: desc\n',
          'docs/ops/one.md': '# One\n',
          'docs/ops/two.md': '# Two\n',
        });
        expect(html).toContain('for="__nav_1">The Guide<');
        expect(links).toEqual([
          'Home -> ./',
          'GZ -> guide/z/',
          'GA -> guide/a/',
          'Two -> ops/two/',
          'One -> ops/one/',
        ]);
      });

      it("fills the `...` entries of mkdocs.yml's nav with the pages it does not list", () => {
        const s = build({
          'mkdocs.yml': yml(
            'plugins:\n  - awesome-pages\nnav:\n  - Start: start.md\n  - Intros:\n    - ... | **/intro.md\n  - ...\n',
          ),
          'docs/index.md': '# Home\n',
          'docs/start.md': '# Start\n',
          'docs/intro.md': '# Intro\n',
          'docs/ops/intro.md': '# Ops intro\n',
          'docs/ops/run.md': '# Run\n',
          'docs/ops/.pages': 'title: Operations\n',
        });
        const html = s.read('index.html');
        expect(navLinks(html)).toEqual([
          'Start -> start/',
          'Intro -> intro/',
          'Ops intro -> ops/intro/',
          'Home -> ./',
          'Run -> ops/run/',
        ]);
        expect(html).toContain('>Operations<');
        expect(s.warnings).toEqual([]);
      });

      it("collapses folders of one page, with the plugin option or a folder's own file", () => {
        const s = build({
          'mkdocs.yml': yml(
            'plugins:\n  - awesome-pages:\n      filename: .nav.yml\n      collapse_single_pages: true\n',
          ),
          'docs/index.md': '# Home\n',
          'docs/one/only.md': '# Only\n',
          'docs/kept/.nav.yml': 'collapse: false\n',
          'docs/kept/solo.md': '# Solo\n',
        });
        const html = s.read('index.html');
        expect(navLinks(html)).toEqual([
          'Home -> ./',
          'Solo -> kept/solo/',
          'Only -> one/only/',
        ]);
        expect(html).toContain('>Kept<');
        expect(html).not.toContain('>One<');
      });

      it('warns about .pages entries it cannot follow, and builds anyway', () => {
        const { links, warnings } = nav({
          'docs/index.md': '# Home\n',
          'docs/.pages':
            'nav:\n  - missing.md\n  - ... | regex=^a\n  - X: "javascript:alert(1)"\n  - [1, 2]\n  - ...\n',
          'docs/bad/.pages': '- not a mapping\n',
          'docs/bad/p.md': '# P\n',
        });
        expect(links).toEqual(['Home -> ./', 'P -> bad/p/']);
        expect(warnings).toEqual([
          'WARNING docs/bad/.pages: is not a YAML mapping (title: ..., nav: [...]); it is ignored',
          "WARNING docs/.pages: nav entry 'missing.md' names no page or folder here; it is ignored",
          "WARNING docs/.pages: '... | regex=^a': regular expression filters are not supported; the entry is ignored",
          "WARNING docs/.pages: nav entry 'javascript:alert(1)' is a javascript: URL, which could run script; it is left out of the nav",
          'WARNING docs/.pages: nav entry [1,2] is not understood; it is ignored',
        ]);
      });
    });
  });

  describe('mkdocs.yml values of the wrong kind', () => {
    it('are warned about and ignored', () => {
      const s = build({
        'mkdocs.yml': yml(
          'exclude_docs: [a]\nnot_in_nav: 3\nextra_css: x.css\nextra_javascript: [1]\n',
        ),
        'docs/index.md': '# Home\n',
      });
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: 'exclude_docs' must be a text of gitignore-style patterns, one a line; it is ignored",
        "WARNING mkdocs.yml: 'not_in_nav' must be a text of gitignore-style patterns, one a line; it is ignored",
        "WARNING mkdocs.yml: 'extra_css' must be a list; it is ignored",
        'WARNING mkdocs.yml: extra_javascript: 1 is not a path; it is ignored',
      ]);
    });

    it('warns about a repo_url that is not a valid URL, and makes no edit link', () => {
      const s = build({
        'mkdocs.yml': yml('repo_url: "http://[::1"\n'),
        'docs/index.md': '# Home\n',
      });
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: repo_url 'http://[::1' is not a valid URL; pages get no edit link",
      ]);
      expect(s.read('index.html')).not.toContain('Edit this page');
    });

    it('warns about exclude_docs and not_in_nav patterns that are not valid, and applies the others', () => {
      const s = build({
        'mkdocs.yml': yml(
          'nav:\n  - index.md\nexclude_docs: |\n  [z-a].md\n  drafts/\nnot_in_nav: |\n  [9-0]\n',
        ),
        'docs/index.md': '# Home\n',
        'docs/drafts/a.md': '# Draft\n',
        'docs/z.md': '# Z\n',
      });
      expect(s.exists('drafts/a/index.html')).toBe(false);
      expect(s.exists('z/index.html')).toBe(true);
      expect(s.warnings).toEqual([
        "WARNING mkdocs.yml: exclude_docs: pattern '[z-a].md' is not valid (the range z-a is backwards); it is ignored",
        "WARNING mkdocs.yml: not_in_nav: pattern '[9-0]' is not valid (the range 9-0 is backwards); it is ignored",
      ]);
    });

    it('warns about a tags_file that is not a path', () => {
      const s = build({
        'mkdocs.yml': yml('plugins:\n  - tags:\n      tags_file: [tags.md]\n'),
        'docs/index.md': '# Home\n',
      });
      expect(s.warnings).toEqual([
        'WARNING mkdocs.yml: tags_file must be the path of a page; it is ignored',
      ]);
    });
  });

  describe('search index', () => {
    it('indexes a page of many sections in one pass', () => {
      // Looking each section up in the whole table of contents took minutes.
      const count = 150_000;
      const s = build({
        'mkdocs.yml': yml(),
        'docs/index.md': Array.from(
          { length: count },
          (_, i) => `## s${i}\n`,
        ).join(''),
      });
      const index = JSON.parse(s.read('search/search_index.json'));
      expect(index.docs).toHaveLength(count + 1);
      expect(index.docs[count]).toEqual({
        location: `#s${count - 1}`,
        title: `s${count - 1}`,
        text: `s${count - 1}`,
      });
    });
  });
});
