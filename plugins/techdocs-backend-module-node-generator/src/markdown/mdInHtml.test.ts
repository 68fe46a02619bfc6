import { renderMarkdown } from './__testUtils__/renderMarkdown';

const md = (lines: string[]) => `${lines.join('\n')}\n`;

// The expected outputs are Python-Markdown's md_in_html for the same source
describe('md_in_html', () => {
  it('parses the content of <div markdown> as blocks, keeping its attributes but not `markdown`', () => {
    const result = renderMarkdown(
      md([
        '<div class="grid cards" markdown>',
        '',
        '-   __Set up__',
        '',
        '    ---',
        '',
        '    Install',
        '',
        '</div>',
      ]),
    );
    expect(result.html).toBe(
      '<div class="grid cards">\n<ul>\n<li>\n<p><strong>Set up</strong></p>\n<hr>\n<p>Install</p>\n</li>\n</ul>\n</div>\n',
    );
    // a plain tag: the page needs no sanitizer for it
    expect(result.hasRawHtml).toBe(false);
  });

  it('nests Markdown elements, and leaves elements without `markdown` raw', () => {
    const { html } = renderMarkdown(
      md([
        '<div markdown="1" id="x">',
        '# Title',
        '',
        '<div markdown>',
        'Nested *md*',
        '</div>',
        '',
        '<section>',
        'Raw **not md**',
        '</section>',
        '</div>',
      ]),
    );
    expect(html).toBe(
      '<div id="x">\n<h1 id="title">Title</h1>\n<div>\n<p>Nested <em>md</em></p>\n</div>\n<section>\nRaw **not md**\n</section>\n</div>\n',
    );
  });

  it('parses span-level tags and markdown="span" inline only, markdown="block" as blocks', () => {
    const { html } = renderMarkdown(
      md([
        '<p markdown="1">',
        'A *span* paragraph.',
        '</p>',
        '',
        '<div markdown="span">',
        '# *Not* a header',
        '</div>',
        '',
        "<section markdown='block'>",
        '* A list item.',
        '</section>',
      ]),
    );
    expect(html).toBe(
      '<p>\nA <em>span</em> paragraph.\n</p>\n<div>\n# <em>Not</em> a header\n</div>\n<section>\n<ul>\n<li>A list item.</li>\n</ul>\n</section>\n',
    );
  });

  it('parses content on the lines of the tags, and ends a raw element at its closing tag', () => {
    const { html } = renderMarkdown(
      md([
        '<div markdown>inline *start*',
        'second line</div>',
        '',
        '<details markdown>',
        '<summary>Sum *raw*</summary>',
        'Body *md*',
        '</details>',
      ]),
    );
    expect(html).toBe(
      '<div>\n<p>inline <em>start</em>\nsecond line</p>\n</div>\n<details>\n<summary>Sum *raw*</summary>\n<p>Body <em>md</em></p>\n</details>\n',
    );
  });

  // Python-Markdown leaves these as raw HTML in a paragraph, which no site
  // means: the element is parsed as it is at the top level
  it('parses an element inside a list item or a blockquote', () => {
    const { html } = renderMarkdown(
      md([
        '- item',
        '',
        '    <div markdown>',
        '    *x*',
        '    </div>',
        '',
        '> <div markdown>',
        '> *y*',
        '> </div>',
      ]),
    );
    expect(html).toBe(
      '<ul>\n<li>\n<p>item</p>\n<div>\n<p><em>x</em></p>\n</div>\n</li>\n</ul>\n<blockquote>\n<div>\n<p><em>y</em></p>\n</div>\n</blockquote>\n',
    );
  });

  it('does not close an element with a tag outside its container', () => {
    const result = renderMarkdown(
      md(['- <div markdown>', '  *x*', '', '</div>']),
    );
    expect(result.html).toContain('<li>\n<div markdown>\n*x*');
    expect(result.warnings).toHaveLength(1);
    const quoted = renderMarkdown(
      md(['> <div markdown>', '> *y*', '', '</div>']),
    );
    expect(quoted.html).toContain('<blockquote>\n<div markdown>\n*y*');
  });

  it('ignores `markdown` on tags whose content stays raw', () => {
    const { html } = renderMarkdown(md(['<pre markdown>', '*raw*', '</pre>']));
    expect(html).toBe('<pre markdown>\n*raw*\n</pre>\n');
  });

  it('warns about an element that is never closed, and leaves it raw', () => {
    const result = renderMarkdown(md(['Text', '', '<div markdown>', '*x*']));
    expect(result.warnings).toEqual([
      'docs/page.md:3: `<div markdown>` has no closing `</div>`; its content is not parsed as Markdown (md_in_html)',
    ]);
    expect(result.html).toContain('<div markdown>\n*x*');
  });

  it("reads `markdown` only as an attribute, not in another attribute's value", () => {
    const source = md(['<div title="see markdown here">', '*x*', '</div>']);
    expect(renderMarkdown(source).html).toBe(source);
  });

  // These took minutes before
  it('warns about an element whose page then has 300,000 `<div` and no `>`', () => {
    const text = '<div '.repeat(300_000);
    const result = renderMarkdown(md(['<div markdown>', '', text]));
    expect(result.warnings).toEqual([
      'docs/page.md:1: `<div markdown>` has no closing `</div>`; its content is not parsed as Markdown (md_in_html)',
    ]);
    expect(result.html).toBe(md(['<div markdown>', text]));
  });

  it('finds `markdown` after a long run of spaces in the tag', () => {
    const spaces = ' '.repeat(500_000);
    const { html } = renderMarkdown(
      md([`<div${spaces}class="x" markdown>`, '', '*x*', '', '</div>']),
    );
    // Runs of spaces by their length, so that a failure prints briefly
    expect(html.replace(/ {2,}/g, run => `[${run.length} spaces]`)).toBe(
      '<div[500000 spaces]class="x">\n<p><em>x</em></p>\n</div>\n',
    );
  });
});
