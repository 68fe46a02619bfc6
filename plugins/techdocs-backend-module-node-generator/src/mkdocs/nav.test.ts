import { DocsBuildError } from '../DocsBuildError';
import { navRestEntry, NavItem, resolveNav } from './nav';

function navOf(raw: unknown[], rest?: (filter?: string) => NavItem[]) {
  const warnings: string[] = [];
  const nav = resolveNav({
    raw: raw as any,
    srcPaths: ['index.md', 'a.md', 'b.md'],
    titleOf: srcPath => srcPath.replace(/\.md$/, '').toUpperCase(),
    configFile: 'mkdocs.yml',
    warn: message => warnings.push(message),
    rest,
  });
  return { nav, warnings };
}

function navError(raw: unknown[]) {
  try {
    navOf(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(DocsBuildError);
    return (e as DocsBuildError).message;
  }
  throw new Error('the nav was read');
}

describe('resolveNav', () => {
  it('fails on an empty entry with a build error that says what an entry is', () => {
    expect(navError(['index.md', {}])).toBe(
      'mkdocs.yml: nav entry {} has no title: write page.md, Title: page.md or Title: [...]',
    );
  });

  it('fails on an entry with several titles, naming them', () => {
    expect(navError([{ A: 'a.md', B: 'b.md' }])).toBe(
      "mkdocs.yml: nav entry with the titles 'A', 'B' must have exactly one title",
    );
  });

  it.each([
    [
      [{ A: null }],
      "nav entry 'A' is empty: give it a page, a link or a list of entries",
    ],
    [
      [{ A: 5 }],
      "nav entry 'A: 5' is neither a page, a link nor a list of entries",
    ],
    [
      [{ A: [null] }],
      'nav entry null is neither a page, a link nor a section (page.md, Title: page.md or Title: [...])',
    ],
    [
      [['a.md']],
      'nav entry ["a.md"] is neither a page, a link nor a section (page.md, Title: page.md or Title: [...])',
    ],
  ])('fails on %j with a build error, as MkDocs does', (raw, problem) => {
    expect(navError(raw)).toBe(`mkdocs.yml: ${problem}`);
  });

  it('reads a section written as a mapping, with the warning MkDocs gives', () => {
    const { nav, warnings } = navOf([
      { Guide: { First: 'a.md', More: { Second: 'b.md' } } },
    ]);
    expect(nav).toEqual([
      {
        kind: 'section',
        title: 'Guide',
        children: [
          { kind: 'page', title: 'First', srcPath: 'a.md', url: 'a/' },
          {
            kind: 'section',
            title: 'More',
            children: [
              { kind: 'page', title: 'Second', srcPath: 'b.md', url: 'b/' },
            ],
          },
        ],
      },
    ]);
    expect(warnings).toEqual([
      "mkdocs.yml: nav entry 'Guide' is a mapping, where MkDocs expects a list; as in MkDocs, each of its keys is read as an entry",
      "mkdocs.yml: nav entry 'More' is a mapping, where MkDocs expects a list; as in MkDocs, each of its keys is read as an entry",
    ]);
  });

  it("hands awesome-pages' `...` entries, with their filters, to `rest`", () => {
    const filters: Array<string | undefined> = [];
    navOf(['...', ' ... | glob=*.md ', 'index.md'], filter => {
      filters.push(filter);
      return [];
    });
    expect(filters).toEqual([undefined, 'glob=*.md']);
  });
});

describe('navRestEntry', () => {
  it('reads `...`, `... | filter` and nothing else', () => {
    expect(navRestEntry('...')).toEqual({});
    expect(navRestEntry('  ...  |  *.md  ')).toEqual({ filter: '*.md' });
    expect(navRestEntry('... |')).toEqual({ filter: '' });
    expect(navRestEntry('....')).toBeUndefined();
    expect(navRestEntry('... x')).toBeUndefined();
    expect(navRestEntry('... | a\nb')).toBeUndefined();
  });

  it('reads an entry with a long run of spaces in one pass', () => {
    // The regular expression this replaced took minutes for each of these.
    const spaces = ' '.repeat(500_000);
    expect(navRestEntry(`... | a${spaces}\nb`)).toBeUndefined();
    expect(navRestEntry(`... | a${spaces}b`)).toEqual({
      filter: `a${spaces}b`,
    });
  });
});
