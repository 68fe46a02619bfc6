import { readFrontMatter } from './frontMatter';

describe('readFrontMatter', () => {
  it('reads YAML front matter as metadata, never as Markdown', () => {
    const page = readFrontMatter(
      '---\nicon: material/alert\ntitle: Alerts\ndescription: How alerts work\nhide:\n  - navigation\n  - toc\ntags: [ops, "on call"]\nother: ignored\n---\n\n# Body\n',
    );
    expect(page.markdown).toBe('# Body\n');
    expect(page.lineOffset).toBe(11);
    expect(page.meta).toEqual({
      title: 'Alerts',
      description: 'How alerts work',
      hide: new Set(['navigation', 'toc']),
      tags: ['ops', 'on call'],
      icon: 'material/alert',
    });
    expect(page.warning).toBeUndefined();
  });

  it('keeps the last value of a repeated key, as PyYAML does', () => {
    const page = readFrontMatter('---\ntitle: A\ntitle: B\n---\n# Body\n');
    expect(page.meta.title).toBe('B');
    expect(page.warning).toBeUndefined();
  });

  it('accepts `...` as the closing line and CRLF line ends', () => {
    const page = readFrontMatter('---\r\ntitle: T\r\n...\r\nText\r\n');
    expect(page.meta.title).toBe('T');
    expect(page.markdown).toBe('Text\r\n');
    expect(page.lineOffset).toBe(3);
  });

  it('reads MultiMarkdown-style metadata up to the first blank line, as MkDocs does', () => {
    const page = readFrontMatter(
      'Title: A page\nTags: one, two\n    three\n\nText: not metadata\n',
    );
    expect(page.meta.title).toBe('A page');
    expect(page.meta.tags).toEqual(['one', 'two three']);
    expect(page.markdown).toBe('Text: not metadata\n');
    expect(page.lineOffset).toBe(4);
  });

  it('leaves a page without metadata as it is', () => {
    const source = '# Title\n\n---\n\ntitle: text\n';
    expect(readFrontMatter(source)).toEqual({
      meta: { hide: new Set(), tags: [] },
      markdown: source,
      lineOffset: 0,
    });
  });

  it('keeps a `---` block that is YAML but not a mapping as content, as MkDocs does', () => {
    const source = '---\njust text\n---\n';
    const page = readFrontMatter(source);
    expect(page.markdown).toBe(source);
    expect(page.warning).toBeUndefined();
  });

  it('renders invalid YAML front matter as content, with a warning', () => {
    const source = '---\ntitle: [unclosed\n---\nText\n';
    const page = readFrontMatter(source);
    expect(page.markdown).toBe(source);
    expect(page.meta.title).toBeUndefined();
    expect(page.warning?.message).toMatch(
      /^front matter is not valid YAML \(.+\); as in MkDocs, it is rendered as part of the page$/,
    );
  });

  it('refuses a YAML alias bomb in front matter, with a warning', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
      'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    ].join('\n');
    const page = readFrontMatter(`---\n${bomb}\n---\nText\n`);
    expect(page.warning?.message).toMatch(/front matter is not valid YAML/);
  });
});
