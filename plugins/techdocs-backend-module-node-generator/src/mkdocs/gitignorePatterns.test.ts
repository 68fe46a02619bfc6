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

  it('reads sets as pathspec does: `]` first is a member, a negated set never matches `/`', () => {
    expect(
      matches('[]x].md\na[!b]c.md\n', [
        '].md',
        'x.md',
        'y.md',
        'axc.md',
        'a/c.md',
      ]),
    ).toEqual(['].md', 'x.md', 'axc.md']);
  });

  it('warns about a pattern that is not valid and goes on with the others', () => {
    const problems: string[] = [];
    const match = gitignoreMatcher('[z-a].md\n*.tmp\nx\\\n', p =>
      problems.push(p),
    );
    expect(['z.md', 'a.tmp', 'x'].filter(match)).toEqual(['a.tmp']);
    expect(problems).toEqual([
      "pattern '[z-a].md' is not valid (the range z-a is backwards); it is ignored",
      "pattern 'x\\' is not valid (it ends with an escaping backslash); it is ignored",
    ]);
  });

  it('matches many stars against a long name without backtracking for hours', () => {
    // A regular expression took minutes for this one name.
    const stars = `${'*a'.repeat(12)}*`;
    const name = 'a'.repeat(60);
    expect(matches(`${stars}b\n`, [name, `${name}b`])).toEqual([`${name}b`]);
  });

  it('drops trailing spaces, but not those before other text, in one pass', () => {
    const spaced = `a${' '.repeat(1_000_000)}b`;
    expect(matches(`${spaced}\nc   \n`, [spaced, 'c', 'a'])).toEqual([
      spaced,
      'c',
    ]);
  });
});
