import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSnippetBomb } from '../__testUtils__/badSites';
import { includeSnippets, SnippetOptions, snippetSettings } from './snippets';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

/** A repository (the folder of mkdocs.yml) holding `files`. */
function repo(files: Record<string, string>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-'));
  made.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/** A budget that counts and never stops. */
function counter() {
  const budget = { bytes: 0, add: (n: number) => void (budget.bytes += n) };
  return Object.assign(budget, { maxPageBytes: Infinity });
}

/**
 * Includes the snippets of `text` (docs/index.md of the repository `dir`)
 * with mkdocs.yml's `pymdownx.snippets` options; returns the text and the
 * warnings.
 */
function include(
  dir: string,
  text: string,
  extension: Record<string, unknown> = {},
  more: Partial<SnippetOptions> = {},
) {
  const warnings: string[] = [];
  const warn = (message: string) => warnings.push(message);
  const result = includeSnippets(text, {
    ...snippetSettings(extension, dir, warn),
    file: 'docs/index.md',
    budget: counter(),
    cache: new Map(),
    warn,
    ...more,
  });
  return { text: result, warnings };
}

describe('includeSnippets', () => {
  it('resolves snippets against the repository root by default, as pymdownx', () => {
    const dir = repo({
      'CONTRIBUTING.md': 'Contribute.\n',
      'docs/shared.md': 'Shared.\n',
    });
    expect(
      include(dir, '--8<-- "CONTRIBUTING.md"\n--8<-- "docs/shared.md"\n'),
    ).toEqual({ text: 'Contribute.\nShared.\n', warnings: [] });
  });

  it('indents every line of a snippet as its include line, through nested snippets, dropping one final newline', () => {
    const dir = repo({
      'outer.md': 'Outer one\n    --8<-- "inner.md"\nOuter two\n\n',
      'inner.md': 'Inner one\nInner two\n',
    });
    expect(include(dir, '!!! note\n    --8<-- "outer.md"\nAfter\n').text).toBe(
      [
        '!!! note',
        '    Outer one',
        '        Inner one',
        '        Inner two',
        '    Outer two',
        '    ',
        'After',
        '',
      ].join('\n'),
    );
  });

  it('tries each base path in order, a string or a list, and a base path that is a file matches its own name', () => {
    const dir = repo({
      'includes/a.md': 'From includes.\n',
      'docs/a.md': 'From docs.\n',
      'docs/b.md': 'B from docs.\n',
      'LICENSE.md': 'License.\n',
    });
    expect(
      include(dir, '--8<-- "a.md"\n--8<-- "b.md"\n--8<-- "LICENSE.md"\n', {
        base_path: ['includes', 'docs', 'LICENSE.md'],
      }).text,
    ).toBe('From includes.\nB from docs.\nLicense.\n');
    expect(include(dir, '--8<-- "a.md"\n', { base_path: 'docs' }).text).toBe(
      'From docs.\n',
    );
    // A base path that is a file matches that file only.
    expect(
      include(dir, '--8<-- "docs/a.md"\n', { base_path: 'LICENSE.md' }).text,
    ).toBe('');
  });

  it('does not let a snippet leave its base path (restrict_base_path), but may when it is off, within the repository', () => {
    const dir = repo({ 'top.md': 'Top.\n', 'docs/x.md': '' });
    expect(
      include(dir, '--8<-- "../top.md"\n', { base_path: 'docs' }).warnings,
    ).toEqual([
      "docs/index.md:1: snippet '../top.md' could not be found in the base paths; nothing is included",
    ]);
    expect(
      include(dir, '--8<-- "../top.md"\n', {
        base_path: 'docs',
        restrict_base_path: false,
      }).text,
    ).toBe('Top.\n');
  });

  it('warns about a missing snippet and includes nothing, or stops the build with check_paths', () => {
    const dir = repo({});
    expect(include(dir, 'Before\n--8<-- "gone.md"\nAfter\n')).toEqual({
      text: 'Before\nAfter\n',
      warnings: [
        "docs/index.md:2: snippet 'gone.md' could not be found in the base paths; nothing is included",
      ],
    });
    // Lines are the file's, front matter included, when it was taken off.
    expect(
      include(dir, '--8<-- "gone.md"\n', {}, { lineOffset: 3 }).warnings,
    ).toEqual([
      "docs/index.md:4: snippet 'gone.md' could not be found in the base paths; nothing is included",
    ]);
    expect(() =>
      include(dir, '--8<-- "gone.md"\n', { check_paths: true }),
    ).toThrow(
      "docs/index.md: snippet 'gone.md' could not be found in the base paths (check_paths is on)",
    );
  });

  it('appends the auto_append snippets to every page', () => {
    const dir = repo({
      'includes/abbreviations.md': '*[HTML]: Hyper Text Markup Language\n',
      'includes/links.md': '[home]: https://x.example/\n',
    });
    expect(
      include(dir, '# Page\n', {
        base_path: ['includes'],
        auto_append: ['abbreviations.md', 'links.md'],
      }).text,
    ).toBe(
      '# Page\n\n\n*[HTML]: Hyper Text Markup Language\n\n[home]: https://x.example/\n',
    );
    expect(
      include(dir, '# Page\n', { auto_append: ['gone.md'] }).warnings,
    ).toEqual([
      "docs/index.md: auto_append snippet 'gone.md' could not be found in the base paths; nothing is included",
    ]);
  });

  it('includes line ranges: from a line, up to a line, between two, and several', () => {
    const dir = repo({ 'n.txt': '1\n2\n3\n4\n5\n6\n' });
    const lines = (spec: string) =>
      include(dir, `--8<-- "${spec}"\n`).text.trim().split('\n').join(',');
    expect(lines('n.txt:5')).toBe('5,6');
    expect(lines('n.txt::2')).toBe('1,2');
    expect(lines('n.txt:2:3')).toBe('2,3');
    expect(lines('n.txt:1:1,4:5')).toBe('1,4,5');
    // Negative numbers count from the end, as in pymdownx.
    expect(lines('n.txt:-2')).toBe('5,6');
    expect(lines('n.txt::-2')).toBe('1,2,3,4,5');
  });

  it('includes a named section without its marks, and drops section marks elsewhere', () => {
    const dir = repo({
      'example.py': [
        'import os',
        '# --8<-- [start:func]',
        'def func():',
        '    # --8<-- [start:inner]',
        '    pass',
        '    # --8<-- [end:inner]',
        '# --8<-- [end:func]',
        'print(func())',
        '',
      ].join('\n'),
    });
    expect(include(dir, '```py\n--8<-- "example.py:func"\n```\n').text).toBe(
      '```py\ndef func():\n    pass\n```\n',
    );
    expect(include(dir, 'A\n<!-- --8<-- [start:x] -->\nB\n').text).toBe(
      'A\nB\n',
    );
    expect(include(dir, '--8<-- "example.py:nope"\n').warnings).toEqual([
      "docs/index.md:1: snippet 'example.py:nope': section 'nope' could not be found; nothing is included",
    ]);
  });

  it('removes the common indentation of lines and sections with dedent_subsections', () => {
    const dir = repo({ 'x.py': 'class A:\n    def f():\n        pass\n' });
    expect(
      include(dir, '--8<-- "x.py:2:3"\n', { dedent_subsections: true }).text,
    ).toBe('def f():\n    pass\n');
  });

  it('includes the files of a block, one a line, keeping its blank lines and skipping `;` lines', () => {
    const dir = repo({ 'a.md': 'A\n', 'b.md': 'B\n', 'c.md': 'C\n' });
    expect(
      include(dir, '--8<--\na.md\n\nb.md\n; c.md\n--8<--\nEnd\n').text,
    ).toBe('A\n\nB\nEnd\n');
  });

  it('shows escaped snippet lines with one `;` less, and leaves a commented-out one out', () => {
    const dir = repo({ 'a.md': 'A\n' });
    expect(
      include(
        dir,
        ';--8<-- "a.md"\n;;--8<-- "a.md"\n--8<-- "; a.md"\n;--8<-- [start:x]\n',
      ),
    ).toEqual({
      text: '--8<-- "a.md"\n;--8<-- "a.md"\n--8<-- [start:x]\n',
      warnings: [],
    });
  });

  it('never fetches a URL snippet, and says so', () => {
    const dir = repo({});
    expect(include(dir, '--8<-- "https://x.example/a.md"\n')).toEqual({
      text: '',
      warnings: [
        "docs/index.md:1: snippet 'https://x.example/a.md' is a URL: snippets are never fetched from URLs, and nothing is included",
      ],
    });
    const warnings: string[] = [];
    snippetSettings({ url_download: true }, dir, m => warnings.push(m));
    expect(warnings).toEqual([
      'mkdocs.yml: pymdownx.snippets url_download is not supported: snippets are never fetched from URLs, and nothing is included for them',
    ]);
  });

  it('skips a snippet that includes itself, with a warning', () => {
    const dir = repo({ 'loop.md': 'Loop\n--8<-- "loop.md"\n' });
    expect(include(dir, '--8<-- "loop.md"\n')).toEqual({
      text: 'Loop\n',
      warnings: ["loop.md:2: snippet 'loop.md' includes itself and is skipped"],
    });
  });

  it('confines snippets and base paths to the repository, through symlinks too', () => {
    const dir = repo({ 'docs/index.md': '' });
    const outside = repo({ 'secret.md': 'Secret\n' });
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(dir, 'link.md'));
    expect(() => include(dir, '--8<-- "../secret.md"\n')).toThrow(
      "docs/index.md: snippet '../secret.md' leaves the docs repository",
    );
    expect(() => include(dir, '--8<-- "/etc/passwd"\n')).toThrow(
      "docs/index.md: snippet '/etc/passwd' leaves the docs repository (absolute paths are not allowed)",
    );
    expect(() => include(dir, '--8<-- "link.md"\n')).toThrow(
      "docs/index.md: snippet 'link.md' leaves the docs repository through a symlink",
    );
    expect(
      include(dir, '--8<-- "secret.md"\n', { base_path: ['..', outside] })
        .warnings,
    ).toEqual([
      "mkdocs.yml: pymdownx.snippets base_path '..' is outside the docs repository and is ignored",
      `mkdocs.yml: pymdownx.snippets base_path '${outside}' is outside the docs repository and is ignored`,
      "docs/index.md:1: snippet 'secret.md' could not be found in the base paths; nothing is included",
    ]);
  });

  it('counts the page as it expands it, and stops at the first piece over the budget', () => {
    const dir = repo({});
    writeSnippetBomb(dir);
    let counted = 0;
    const budget = {
      maxPageBytes: 64 * 1024,
      add(bytes: number) {
        counted += bytes;
        if (counted > 64 * 1024) throw new Error('over');
      },
    };
    expect(() =>
      include(
        dir,
        fs.readFileSync(path.join(dir, 'docs/index.md'), 'utf8'),
        {},
        { budget },
      ),
    ).toThrow('over');
    // Pieces are at most one line: nothing larger was built first.
    expect(counted).toBeLessThan(64 * 1024 + 4096);
  });

  it('counts a snippet file larger than a page without reading it', () => {
    const dir = repo({ 'huge.md': '' });
    // 3 GiB without using the disk: reading it would fail on its size.
    fs.truncateSync(path.join(dir, 'huge.md'), 3 * 1024 ** 3);
    const added: number[] = [];
    const budget = {
      maxPageBytes: 4096,
      add(bytes: number) {
        added.push(bytes);
        if (bytes > 4096) throw new Error(`over by ${bytes}`);
      },
    };
    expect(() => include(dir, '--8<-- "huge.md"\n', {}, { budget })).toThrow(
      `over by ${3 * 1024 ** 3}`,
    );
    expect(added).toEqual([3 * 1024 ** 3]);
  });

  it('reads each snippet file once per build', () => {
    const dir = repo({ 'shared.md': 'Shared\n' });
    const cache = new Map<string, string>();
    include(dir, '--8<-- "shared.md"\n--8<-- "shared.md"\n', {}, { cache });
    fs.writeFileSync(path.join(dir, 'shared.md'), 'Changed\n');
    expect(include(dir, '--8<-- "shared.md"\n', {}, { cache }).text).toBe(
      'Shared\n',
    );
  });

  it('reads a page with a long line of dashes once, keeping it and dropping section marks', () => {
    // pymdownx's section pattern, as a regular expression, took minutes here.
    const dashes = '-'.repeat(1_000_000);
    const dir = repo({
      'lines.md': `${dashes}\n<!-- --8<-- [start:s] -->\nS\n`,
    });
    expect(
      include(dir, `${dashes}\n<!-- --8<-- [end:x] -->\n--8<-- "lines.md:s"\n`)
        .text,
    ).toBe(`${dashes}\nS\n`);
  });

  it('reads a long chain of line ranges that ends in a name once', () => {
    // pymdownx's pattern for a snippet's file and lines took minutes here.
    const spec = `n.txt${':1,'.repeat(300_000)}x`;
    const dir = repo({ 'n.txt': '1\n' });
    expect(include(dir, `--8<-- "${spec}"\n`).warnings).toEqual([
      `docs/index.md:1: snippet '${spec}' could not be found in the base paths; nothing is included`,
    ]);
  });

  it('reads a snippet name with a line separator in it as a name', () => {
    const dir = repo({});
    expect(include(dir, '--8<-- "a\u2028b.md:2"\n').warnings).toEqual([
      "docs/index.md:1: snippet 'a\u2028b.md:2' could not be found in the base paths; nothing is included",
    ]);
  });
});
