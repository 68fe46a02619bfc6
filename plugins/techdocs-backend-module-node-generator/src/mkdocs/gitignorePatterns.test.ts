import { gitignoreMatcher } from './gitignorePatterns';

describe('gitignoreMatcher', () => {
  const matches = (patterns: string, files: string[]) => {
    const match = gitignoreMatcher(patterns);
    return files.filter(match);
  };

  it('matches a name at any level, and everything in a matching folder', () => {
    expect(
      matches('drafts\n*.tmp.md', [
        'drafts/a.md',
        'guide/drafts/b.md',
        'guide/notes.tmp.md',
        'guide/drafts.md',
        'index.md',
      ]),
    ).toEqual(['drafts/a.md', 'guide/drafts/b.md', 'guide/notes.tmp.md']);
  });

  it('anchors a pattern with a slash to the docs folder', () => {
    expect(
      matches('/templates/\napi/*.md', [
        'templates/page.md',
        'guide/templates/page.md',
        'api/a.md',
        'api/v1/b.md',
        'old/api/c.md',
      ]),
    ).toEqual(['templates/page.md', 'api/a.md']);
  });

  it('takes files back with `!`, the last matching pattern deciding', () => {
    expect(
      matches('# comment\n*.py\n!keep.py\n', ['a.py', 'keep.py', 'x/keep.py']),
    ).toEqual(['a.py']);
  });

  it('reads `**`, `?` and character classes', () => {
    expect(
      matches('a/**/z.md\nv?.md\n[bc]*.md\n', [
        'a/z.md',
        'a/b/c/z.md',
        'v1.md',
        'v10.md',
        'b.md',
        'cat.md',
        'd.md',
      ]),
    ).toEqual(['a/z.md', 'a/b/c/z.md', 'v1.md', 'b.md', 'cat.md']);
  });

  it('applies folder-only patterns to folders, not files', () => {
    expect(matches('notes/', ['notes', 'notes/a.md', 'x/notes/b.md'])).toEqual([
      'notes/a.md',
      'x/notes/b.md',
    ]);
  });
});
