import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PageWarnings } from '../markdown/pageEnv';
import { rewriteUrl } from './rewriteUrl';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

/** A repository with mkdocs.yml's folder `repo/` and its docs in `repo/docs`. */
function repository(files: string[]) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'rewrite-url-'));
  made.push(root);
  const repoDir = path.join(root, 'repo');
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(repoDir, file)), { recursive: true });
    fs.writeFileSync(path.join(repoDir, file), '');
  }
  const docsDir = path.join(repoDir, 'docs');
  const known = new Map(
    files
      .filter(f => f.startsWith('docs/') && f.endsWith('.md'))
      .map(f => [f.slice('docs/'.length), 'title']),
  );
  return { root, repoDir, docsDir, known };
}

const files = [
  'README.md',
  'docs/index.md',
  'docs/guide/setup.md',
  'docs/guide/img/arch.png',
  'docs/advanced/index.md',
  'docs/advanced/transports.md',
];

/** Rewrites `href` as found on line 3 of docs/guide/setup.md. */
function rewrite(href: string, kind: 'link' | 'image' = 'link') {
  const repo = repository(files);
  const warnings = new PageWarnings();
  const result = rewriteUrl({
    href,
    kind,
    line: 2,
    page: {
      srcPath: 'guide/setup.md',
      file: 'docs/guide/setup.md',
      title: 'Setup',
    },
    url: 'guide/setup/',
    ...repo,
    warnings,
  });
  return { result, warnings: warnings.messages('docs/guide/setup.md') };
}

describe('rewriteUrl', () => {
  it('rewrites a link to a page to its URL, keeping the query string and the anchor', () => {
    expect(rewrite('../advanced/transports.md?h=tcp#x')).toEqual({
      result: '../../advanced/transports/?h=tcp#x',
      warnings: [],
    });
    expect(rewrite('../index.md#top').result).toBe('../../#top');
  });

  it('makes a link to a file of the docs folder relative to the page URL, keeping its query', () => {
    expect(rewrite('img/arch.png?v=2', 'image')).toEqual({
      result: '../img/arch.png?v=2',
      warnings: [],
    });
  });

  it('percent-encodes the file it links to, as MkDocs, however the link wrote it', () => {
    const repo = repository(['docs/index.md', 'docs/img/my diagram.png']);
    const link = (href: string) =>
      rewriteUrl({
        href,
        kind: 'image',
        line: 0,
        page: { srcPath: 'index.md', file: 'docs/index.md', title: 'Home' },
        url: '',
        ...repo,
        warnings: new PageWarnings(),
      });
    expect(link('img/my diagram.png')).toBe('img/my%20diagram.png');
    expect(link('img/my%20diagram.png')).toBe('img/my%20diagram.png');
  });

  it('leaves external links, anchors and other schemes alone', () => {
    for (const href of [
      'https://x.example/a.md',
      '#part',
      'mailto:a@b',
      '//cdn/x',
    ]) {
      expect(rewrite(href)).toEqual({ result: href, warnings: [] });
    }
  });

  it("passes a URL-style link through unchanged, with MkDocs' warning and the page it may mean", () => {
    expect(rewrite('../advanced/transports#x')).toEqual({
      result: '../advanced/transports#x',
      warnings: [
        "docs/guide/setup.md:3: contains an unrecognized relative link '../advanced/transports#x', it was left as is. Did you mean '../advanced/transports.md'?",
      ],
    });
    expect(rewrite('../advanced/').warnings).toEqual([
      "docs/guide/setup.md:3: contains an unrecognized relative link '../advanced/', it was left as is. Did you mean '../advanced/index.md'?",
    ]);
  });

  it('keeps the href of a link to a missing page, with a warning', () => {
    expect(rewrite('gone.md#a')).toEqual({
      result: 'gone.md#a',
      warnings: [
        "docs/guide/setup.md:3: contains a link 'gone.md#a', but the target 'guide/gone.md' is not found among documentation files; it was left as is",
      ],
    });
  });

  it('leaves a link out of the docs folder but inside the repository as it is, with a warning', () => {
    expect(rewrite('../../README.md')).toEqual({
      result: '../../README.md',
      warnings: [
        "docs/guide/setup.md:3: contains a link '../../README.md' out of the docs folder (docs_dir), which is not part of the site; it was left as is",
      ],
    });
  });

  it('leaves an absolute path as it is, with a warning', () => {
    expect(rewrite('/static/logo.png', 'image')).toEqual({
      result: '/static/logo.png',
      warnings: [
        "docs/guide/setup.md:3: contains an absolute image '/static/logo.png', it was left as is (it is relative to the server, not to the site)",
      ],
    });
  });

  it('refuses a link out of the repository, by its path or through a symlink', () => {
    expect(() => rewrite('../../../secret.md')).toThrow(
      "docs/guide/setup.md: link '../../../secret.md' leaves the docs repository",
    );
    const repo = repository(['docs/index.md']);
    fs.writeFileSync(path.join(repo.root, 'outside.png'), '');
    fs.symlinkSync(
      path.join(repo.root, 'outside.png'),
      path.join(repo.docsDir, 'linked.png'),
    );
    expect(() =>
      rewriteUrl({
        href: 'linked.png',
        kind: 'image',
        line: 0,
        page: { srcPath: 'index.md', file: 'docs/index.md', title: 'Home' },
        url: '',
        ...repo,
        warnings: new PageWarnings(),
      }),
    ).toThrow(
      "docs/index.md: image 'linked.png' leaves the docs repository through a symlink",
    );
  });
});
