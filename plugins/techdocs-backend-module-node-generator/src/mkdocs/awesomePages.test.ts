import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { arrangeNav } from './awesomePages';
import type { NavItem } from './nav';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

/** A repository with a docs folder of two pages and a `secret.yml` outside it. */
function repo() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'awesome-pages-'));
  made.push(root);
  const docsDir = path.join(root, 'docs');
  fs.mkdirSync(docsDir);
  fs.writeFileSync(path.join(docsDir, 'a.md'), '# A\n');
  fs.writeFileSync(path.join(docsDir, 'b.md'), '# B\n');
  fs.writeFileSync(path.join(root, 'secret.yml'), 'nav:\n  - b.md\n  - a.md\n');
  return { root, docsDir };
}

const pages: NavItem[] = ['a', 'b'].map(name => ({
  kind: 'page',
  title: name.toUpperCase(),
  srcPath: `${name}.md`,
  url: `${name}/`,
}));

function arrange(docsDir: string, maxBytes = 1024) {
  const warnings: string[] = [];
  const nav = arrangeNav({
    nav: pages,
    docsDir,
    docsRel: 'docs',
    plugin: {},
    warn: message => warnings.push(message),
    maxBytes,
  });
  return { titles: nav.map(item => item.title), warnings };
}

describe('awesome-pages .pages files', () => {
  it('orders the nav by a .pages file in the docs folder, also through a symlink inside it', () => {
    const { docsDir } = repo();
    fs.writeFileSync(
      path.join(docsDir, 'order.yml'),
      'nav:\n  - b.md\n  - a.md\n',
    );
    fs.symlinkSync('order.yml', path.join(docsDir, '.pages'));
    expect(arrange(docsDir).titles).toEqual(['B', 'A']);
  });

  it('refuses a .pages symlink that leaves the docs folder', () => {
    const { root, docsDir } = repo();
    fs.symlinkSync(path.join(root, 'secret.yml'), path.join(docsDir, '.pages'));
    expect(() => arrange(docsDir)).toThrow(
      'docs/.pages: is a symlink that leaves the docs folder',
    );
  });

  it('refuses a .pages file larger than a page may be', () => {
    const { docsDir } = repo();
    fs.writeFileSync(
      path.join(docsDir, '.pages'),
      `nav:\n${'  - a.md\n'.repeat(200)}`,
    );
    expect(() => arrange(docsDir, 1000)).toThrow(
      'docs/.pages: is larger than a page may be (1805 bytes, at most 1000)',
    );
  });
});
