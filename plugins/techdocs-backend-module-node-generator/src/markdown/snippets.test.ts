import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeSnippetBomb } from '../__testUtils__/badSites';
import { includeSnippets } from './snippets';

const made: string[] = [];
afterAll(() =>
  made.forEach(dir => fs.rmSync(dir, { recursive: true, force: true })),
);

function docs(files: Record<string, string>) {
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

describe('includeSnippets', () => {
  it('indents every line of a snippet as its include line, through nested snippets, dropping one final newline', () => {
    const docsDir = docs({
      'outer.md': 'Outer one\n    --8<-- "inner.md"\nOuter two\n\n',
      'inner.md': 'Inner one\nInner two\n',
    });
    const text = includeSnippets('!!! note\n    --8<-- "outer.md"\nAfter\n', {
      docsDir,
      file: 'index.md',
      budget: counter(),
      cache: new Map(),
    });
    expect(text).toBe(
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

  it('counts the page as it expands it, and stops at the first piece over the budget', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'snippets-'));
    made.push(root);
    writeSnippetBomb(root);
    const docsDir = path.join(root, 'docs');
    let counted = 0;
    const budget = {
      maxPageBytes: 64 * 1024,
      add(bytes: number) {
        counted += bytes;
        if (counted > 64 * 1024) throw new Error('over');
      },
    };
    expect(() =>
      includeSnippets(fs.readFileSync(path.join(docsDir, 'index.md'), 'utf8'), {
        docsDir,
        file: 'index.md',
        budget,
        cache: new Map(),
      }),
    ).toThrow('over');
    // Pieces are at most one snippet file (3 KB): nothing larger was built first.
    expect(counted).toBeLessThan(64 * 1024 + 4096);
  });

  it('counts a snippet file larger than a page without reading it', () => {
    const docsDir = docs({ 'huge.md': '' });
    // 3 GiB without using the disk: reading it would fail on its size.
    fs.truncateSync(path.join(docsDir, 'huge.md'), 3 * 1024 ** 3);
    const added: number[] = [];
    const budget = {
      maxPageBytes: 4096,
      add(bytes: number) {
        added.push(bytes);
        if (bytes > 4096) throw new Error(`over by ${bytes}`);
      },
    };
    expect(() =>
      includeSnippets('--8<-- "huge.md"\n', {
        docsDir,
        file: 'index.md',
        budget,
        cache: new Map(),
      }),
    ).toThrow(`over by ${3 * 1024 ** 3}`);
    expect(added).toEqual([3 * 1024 ** 3]);
  });

  it('reads each snippet file once per build', () => {
    const docsDir = docs({ 'shared.md': 'Shared\n' });
    const cache = new Map<string, string>();
    const options = { docsDir, budget: counter(), cache };
    includeSnippets('--8<-- "shared.md"\n--8<-- "shared.md"\n', {
      ...options,
      file: 'a.md',
    });
    fs.writeFileSync(path.join(docsDir, 'shared.md'), 'Changed\n');
    expect(
      includeSnippets('--8<-- "shared.md"\n', { ...options, file: 'b.md' }),
    ).toBe('Shared\n');
  });
});
