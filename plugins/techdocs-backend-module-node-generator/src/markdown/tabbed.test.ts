import { renderMarkdown } from './__testUtils__/renderMarkdown';

const md = (lines: string[]) => `${lines.join('\n')}\n`;

describe('content tabs (pymdownx.tabbed)', () => {
  it('renders consecutive tabs as one set in Material markup, titles as inline Markdown, code inside', () => {
    const { html } = renderMarkdown(
      md([
        '=== "C"',
        '',
        '    ```c',
        '    int x;',
        '    ```',
        '',
        '=== "*C++*"',
        '    Some text',
      ]),
    );
    // As pymdownx.tabbed writes it with alternate_style, the style Material requires
    expect(html).toBe(
      [
        '<div class="tabbed-set tabbed-alternate" data-tabs="1:2">' +
          '<input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />' +
          '<input id="__tabbed_1_2" name="__tabbed_1" type="radio" />' +
          '<div class="tabbed-labels"><label for="__tabbed_1_1">C</label>' +
          '<label for="__tabbed_1_2"><em>C++</em></label></div>',
        '<div class="tabbed-content">',
        '<div class="tabbed-block">',
        '<div class="language-c highlight"><pre><span></span><code><span class="hljs-type">int</span> x;',
        '</code></pre></div>',
        '</div>',
        '<div class="tabbed-block">',
        '<p>Some text</p>',
        '</div>',
        '</div>',
        '</div>',
        '',
      ].join('\n'),
    );
  });

  it('nests tab sets, lists and admonitions in a tab, numbering sets in page order', () => {
    const { html } = renderMarkdown(
      md([
        '=== "Outer"',
        '',
        '    === "Inner 1"',
        '        inner',
        '',
        '    === "Inner 2"',
        '        - a',
        '        - b',
        '',
        '        !!! note',
        '            adm',
        '',
        '=== "Outer 2"',
        '    x',
      ]),
    );
    expect(html).toContain(
      '<div class="tabbed-block">\n<div class="tabbed-set tabbed-alternate" data-tabs="2:2"><input checked="checked" id="__tabbed_2_1" name="__tabbed_2" type="radio" />',
    );
    expect(html).toContain(
      '<div class="tabbed-block">\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>adm</p>\n</div>\n</div>\n</div>\n</div>\n</div>\n<div class="tabbed-block">\n<p>x</p>\n</div>\n</div>\n</div>\n',
    );
    expect(html).toMatch(
      /^<div class="tabbed-set tabbed-alternate" data-tabs="1:2">/,
    );
  });

  it('selects the tab marked ===+, and starts a new set at ===!, ids unique across both sets', () => {
    const { html } = renderMarkdown(
      md([
        '=== "A"',
        '    a',
        '',
        '===+ "B"',
        '    b',
        '',
        '===! "C"',
        '    c',
        '',
        '=== "D"',
        '    d',
      ]),
    );
    expect(html).toContain(
      'data-tabs="1:2"><input id="__tabbed_1_1" name="__tabbed_1" type="radio" /><input checked="checked" id="__tabbed_1_2" name="__tabbed_1" type="radio" />',
    );
    expect(html).toContain(
      'data-tabs="2:2"><input checked="checked" id="__tabbed_2_1" name="__tabbed_2" type="radio" /><input id="__tabbed_2_2" name="__tabbed_2" type="radio" />',
    );
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map(m => m[1]);
    expect(new Set(ids).size).toBe(4);
  });

  it('ends a set at text that is not indented, which follows the set', () => {
    const { html } = renderMarkdown(
      md(['Before', '=== "A"', '    a', 'After, not in the tab']),
    );
    expect(html).toMatch(/^<p>Before<\/p>\n<div class="tabbed-set/);
    expect(html).toContain(
      '<div class="tabbed-block">\n<p>a</p>\n</div>\n</div>\n</div>\n<p>After, not in the tab</p>',
    );
  });

  it('renders tabs inside a list item', () => {
    const { html } = renderMarkdown(
      md([
        '- item',
        '',
        '    === "A"',
        '        a',
        '',
        '    === "B"',
        '        b',
      ]),
    );
    expect(html).toContain(
      '<li>\n<p>item</p>\n<div class="tabbed-set tabbed-alternate" data-tabs="1:2">',
    );
  });

  it('leaves an indented === line as code', () => {
    expect(renderMarkdown(md(['    === "A"', '        a'])).html).toContain(
      '<pre><code>=== &quot;A&quot;',
    );
  });
});
