import { renderMarkdown } from '../__testUtils__/renderMarkdown';

const md = (lines: string[]) => `${lines.join('\n')}\n`;

const ALL = [
  'pymdownx.blocks.admonition',
  'pymdownx.blocks.details',
  'pymdownx.blocks.tab',
  'pymdownx.blocks.html',
];
const render = (lines: string[], extensions: unknown[] = ALL) =>
  renderMarkdown(md(lines), extensions as any);

describe('pymdownx.blocks', () => {
  describe('admonition', () => {
    it('renders a type block with its title as inline Markdown', () => {
      expect(
        render(['/// note | Did you *know*?', 'Content', '///']).html,
      ).toBe(
        '<div class="admonition note">\n<p class="admonition-title">Did you <em>know</em>?</p>\n<p>Content</p>\n</div>\n',
      );
    });

    it('takes `type` and `attrs` options on `admonition`, and no title without one', () => {
      expect(
        render([
          '/// admonition | Some title',
          '    type: warning',
          '    attrs: {class: wide, id: here}',
          '',
          'Some content',
          '///',
          '',
          '/// admonition',
          'Untitled',
          '///',
        ]).html,
      ).toBe(
        '<div class="admonition warning wide" id="here">\n<p class="admonition-title">Some title</p>\n<p>Some content</p>\n</div>\n' +
          '<div class="admonition">\n<p>Untitled</p>\n</div>\n',
      );
    });

    it("registers a site's own types, with a class and a default title", () => {
      const { html } = render(
        ['/// custom', 'x', '///', '', '/// plain', 'y', '///'],
        [
          {
            name: 'pymdownx.blocks.admonition',
            options: {
              types: [{ name: 'custom', class: 'tip', title: 'Hint' }, 'plain'],
            },
          },
        ],
      );
      expect(html).toBe(
        '<div class="admonition tip">\n<p class="admonition-title">Hint</p>\n<p>x</p>\n</div>\n' +
          '<div class="admonition plain">\n<p class="admonition-title">Plain</p>\n<p>y</p>\n</div>\n',
      );
    });
  });

  it('renders details, open and with a type, nested in an admonition of more slashes', () => {
    expect(
      render([
        '//// note | Outer',
        '/// details | Summary',
        '    type: warning',
        '    open: true',
        'content',
        '///',
        'More',
        '////',
      ]).html,
    ).toBe(
      '<div class="admonition note">\n<p class="admonition-title">Outer</p>\n' +
        '<details class="warning" open>\n<summary>Summary</summary>\n<p>content</p>\n</details>\n' +
        '<p>More</p>\n</div>\n',
    );
  });

  describe('tab', () => {
    it('groups consecutive tabs, selects with `select`, starts a new set with `new`', () => {
      const { html } = render([
        '/// tab | One',
        'first',
        '///',
        '',
        '/// tab | Two',
        '    select: true',
        '',
        '```python',
        'x = "///"',
        '///',
        '```',
        '///',
        '',
        '/// tab | Three',
        '    new: true',
        'third',
        '///',
      ]);
      expect(html).toContain(
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input id="__tabbed_1_1" name="__tabbed_1" type="radio" /><input checked="checked" id="__tabbed_1_2" name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">One</label><label for="__tabbed_1_2">Two</label></div>',
      );
      // A fence of the block's slashes inside fenced code does not close it
      expect(html).toContain(
        'x = <span class="hljs-string">&quot;///&quot;</span>\n///\n</code>',
      );
      expect(html).toContain(
        '<div class="tabbed-set tabbed-alternate" data-tabs="2:1"><input checked="checked" id="__tabbed_2_1" name="__tabbed_2" type="radio" /><div class="tabbed-labels"><label for="__tabbed_2_1">Three</label></div>\n<div class="tabbed-content">\n<div class="tabbed-block">\n<p>third</p>\n</div>\n</div>\n</div>\n',
      );
    });

    it('numbers block tabs and === tabs of one page in one sequence', () => {
      const { html } = render([
        '=== "A"',
        '    a',
        '',
        'Between',
        '',
        '/// tab | B',
        'b',
        '///',
      ]);
      expect(html).toContain('id="__tabbed_1_1"');
      expect(html).toContain('id="__tabbed_2_1"');
    });
  });

  describe('html', () => {
    it('renders an element from a selector, its content as blocks', () => {
      const result = render([
        '/// html | div.result#r[data-x="a b"]',
        'some *markdown* content',
        '///',
      ]);
      expect(result.html).toBe(
        '<div class="result" id="r" data-x="a b">\n<p>some <em>markdown</em> content</p>\n</div>\n',
      );
      // The author's element goes to the sanitizer as raw HTML
      expect(result.hasRawHtml).toBe(true);
    });

    it('keeps raw tags raw, escaped, and span-level tags inline', () => {
      expect(
        render([
          '/// html | pre',
          '',
          '    Raw _text_',
          '    <b>x</b>',
          '///',
          '',
          '/// html | p',
          'some *inline*',
          '///',
        ]).html,
      ).toBe(
        '<pre>Raw _text_\n&lt;b&gt;x&lt;/b&gt;</pre>\n<p>some <em>inline</em></p>\n',
      );
    });

    it('follows the `markdown` option', () => {
      expect(
        render([
          '/// html | div',
          '    markdown: inline',
          '',
          '# *not* a heading',
          '///',
        ]).html,
      ).toBe('<div># <em>not</em> a heading</div>\n');
    });
  });

  it('sends an element with attributes beyond class and id to the sanitizer', () => {
    const withHandler = render([
      '/// note | x',
      '    attrs: {onclick: "alert(1)"}',
      'body',
      '///',
    ]);
    expect(withHandler.hasRawHtml).toBe(true);
    expect(withHandler.html).toContain(
      '<div class="admonition note" onclick="alert(1)">',
    );
    const classOnly = render([
      '/// note | x',
      '    attrs: {class: y}',
      'body',
      '///',
    ]);
    expect(classOnly.hasRawHtml).toBe(false);
  });

  it('runs to the end of its container without a closing fence', () => {
    expect(
      render(['!!! note', '    /// tip', '    inner', '', 'outside']).html,
    ).toBe(
      '<div class="admonition note">\n<p class="admonition-title">Note</p>\n' +
        '<div class="admonition tip">\n<p class="admonition-title">Tip</p>\n<p>inner</p>\n</div>\n</div>\n<p>outside</p>\n',
    );
  });

  it('ends an unclosed block in a list item where the item ends', () => {
    expect(render(['- /// note', '  inside', '', 'Outside', '///']).html).toBe(
      '<ul>\n<li>\n<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>inside</p>\n</div>\n</li>\n</ul>\n<p>Outside\n///</p>\n',
    );
  });

  describe('left as text with a warning', () => {
    it.each([
      [
        'an unknown block',
        ['/// foo', 'x', '///'],
        ALL,
        '`/// foo` is not a block of pymdownx.blocks; the text stays as written',
      ],
      [
        'a block whose extension mkdocs.yml does not list',
        ['/// tab | A', 'x', '///'],
        [],
        '`/// tab` (pymdownx.blocks.tab) is not rendered: mkdocs.yml does not list pymdownx.blocks.tab; the text stays as written',
      ],
      [
        'a block that the generator does not render',
        ['/// caption', 'A caption', '///'],
        ALL,
        '`/// caption` (pymdownx.blocks.caption) is not rendered; the text stays as written',
      ],
      [
        'an unknown option',
        ['/// note', '    bogus: 1', 'x', '///'],
        ALL,
        '`/// note` is not rendered: it has no option `bogus`; the text stays as written',
      ],
      [
        'an option of the wrong type',
        ['/// details | x', '    open: maybe', 'x', '///'],
        ALL,
        '`/// details` is not rendered: its option `open` is not valid; the text stays as written',
      ],
      [
        'options that are not YAML',
        ['/// note', '    attrs: {class: [', 'x', '///'],
        ALL,
        '`/// note` is not rendered: its options are not valid YAML; the text stays as written',
      ],
      [
        'options that are not a mapping',
        ['/// note', '    - a', 'x', '///'],
        ALL,
        '`/// note` is not rendered: its options are not a YAML mapping; the text stays as written',
      ],
      [
        'attrs that are not attributes',
        ['/// note', '    attrs: {class: "a.b"}', 'x', '///'],
        ALL,
        '`/// note` is not rendered: its `attrs` are not valid; the text stays as written',
      ],
      [
        'a tab without a title',
        ['/// tab', 'x', '///'],
        ALL,
        '`/// tab` is not rendered: it needs a title after `|`; the text stays as written',
      ],
      [
        'an html block without a tag',
        ['/// html', 'x', '///'],
        ALL,
        '`/// html` is not rendered: it needs a tag after `|`; the text stays as written',
      ],
      [
        'an html block whose selector is not one',
        ['/// html | div..x', 'x', '///'],
        ALL,
        '`/// html` is not rendered: `div..x` is not a tag with classes, id and attributes; the text stays as written',
      ],
    ])('%s', (_, lines, extensions, warning) => {
      const result = render(['Text', '', ...lines], extensions);
      expect(result.warnings).toEqual([`docs/page.md:3: ${warning}`]);
      expect(result.html).toContain(`<p>${lines[0].replace(/"/g, '&quot;')}`);
    });

    it('warns once for a block that interrupts a paragraph', () => {
      const result = render(['Text', '/// foo', 'x', '///'], ALL);
      expect(result.warnings).toEqual([
        'docs/page.md:2: `/// foo` is not a block of pymdownx.blocks; the text stays as written',
      ]);
    });
  });

  // Each of these took minutes, or overflowed the stack, before
  describe('on hostile input, within the page size limit', () => {
    it('reads a selector whose attribute bracket never closes', () => {
      const selector = `div[${'a'.repeat(40)}`;
      const result = render([`/// html | ${selector}`, 'x', '///']);
      expect(result.warnings).toEqual([
        `docs/page.md:1: \`/// html\` is not rendered: \`${selector}\` is not a tag with classes, id and attributes; the text stays as written`,
      ]);
      expect(result.html).toBe(`<p>/// html | ${selector}\nx\n///</p>\n`);
    });

    it('trims a title with a long run of spaces in it', () => {
      const spaces = ' '.repeat(200_000);
      const { html } = render([`/// note | a${spaces}b${spaces}`, 'x', '///']);
      // Runs of spaces by their length, so that a failure prints briefly
      expect(html.replace(/ {2,}/g, run => `[${run.length} spaces]`)).toBe(
        '<div class="admonition note">\n<p class="admonition-title">a[200000 spaces]b</p>\n<p>x</p>\n</div>\n',
      );
    });

    it('dedents 300,000 option lines', () => {
      const lines = Array(300_000).fill('    x');
      const result = render(['/// note', ...lines, '', 'body', '///']);
      expect(result.warnings).toEqual([
        'docs/page.md:1: `/// note` is not rendered: its options are not a YAML mapping; the text stays as written',
      ]);
      expect(result.html).toBe(
        `<p>/// note\n${Array(300_000)
          .fill('x')
          .join('\n')}</p>\n<p>body\n///</p>\n`,
      );
    });

    it('takes options with 100,000 keys', () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => `    k${i}: 1`);
      const result = render(['/// note', ...keys, '', 'body', '///']);
      expect(result.warnings).toEqual([
        'docs/page.md:1: `/// note` is not rendered: it has no option `k0`; the text stays as written',
      ]);
      expect(result.html).toContain('<p>/// note\nk0: 1\nk1: 1\n');
    });

    it('checks a class name of 400,000 characters', () => {
      const cls = `${'a'.repeat(400_000)}!`;
      const result = render([
        '/// note',
        `    attrs: {class: "${cls}"}`,
        'body',
        '///',
      ]);
      expect(result.warnings).toEqual([
        'docs/page.md:1: `/// note` is not rendered: its `attrs` are not valid; the text stays as written',
      ]);
      expect(result.html).toContain(`class: &quot;${cls}&quot;}`);
    });

    it('keeps a raw body of 300,000 lines', () => {
      const lines = Array(300_000).fill(' a');
      expect(render(['/// html | pre', '', ...lines, '///']).html).toBe(
        `<pre>${Array(300_000).fill('a').join('\n')}</pre>\n`,
      );
    });

    it('drops 1,200,000 blank lines around a raw body', () => {
      const blank = Array(1_200_000).fill('');
      expect(
        render(['/// html | pre', ...blank, 'x', ...blank, '///']).html,
      ).toBe('<pre>x</pre>\n');
    });

    it('leaves 100,000 headers that are not rendered as text, scanning none of their bodies', () => {
      const result = render(Array(100_000).fill('/// html'));
      expect(result.warnings).toEqual([
        'docs/page.md:1: `/// html` is not rendered: it needs a tag after `|`; the text stays as written (and 99999 more on this page)',
      ]);
      expect(result.html).toBe(
        `<p>${Array(100_000).fill('/// html').join('\n')}</p>\n`,
      );
    });
  });
});
