import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('inline highlighting (pymdownx.inlinehilite)', () => {
  it('highlights `#!python range()` as pymdownx.highlight writes inline code', () => {
    expect(renderMarkdown('The `#!python range()` function').html).toBe(
      '<p>The <code class="language-python highlight"><span class="hljs-built_in">range</span>()</code> function</p>\n',
    );
  });

  it('reads the `:::lang` form, and writes an unknown language as plain text', () => {
    const { html } = renderMarkdown('`:::js let x` and `#!nosuchlang a<b`');
    expect(html).toContain(
      '<code class="language-js highlight"><span class="hljs-keyword">let</span> x</code>',
    );
    expect(html).toContain(
      '<code class="language-text highlight">a&lt;b</code>',
    );
  });

  it('leaves other inline code plain, and a shebang with no language takes the shebang away', () => {
    expect(renderMarkdown('`#!` and `x` and `#! y`').html).toBe(
      '<p><code>#!</code> and <code>x</code> and <code>y</code></p>\n',
    );
  });

  it('styles plain inline code too with style_plain_text', () => {
    const settings = [
      { name: 'pymdownx.inlinehilite', options: { style_plain_text: true } },
    ];
    expect(renderMarkdown('`x`', settings).html).toBe(
      '<p><code class="language-text highlight">x</code></p>\n',
    );
  });

  it('warns about a custom_inline it cannot render, and shows its code plain', () => {
    const settings = [
      {
        name: 'pymdownx.inlinehilite',
        options: {
          custom_inline: [{ name: 'math', class: 'arithmatex', format: 'x.y' }],
        },
      },
    ];
    const { html, warnings } = renderMarkdown('a\n\nb `#!math x^2`', settings);
    expect(html).toContain('<p>b <code>x^2</code></p>');
    expect(warnings).toEqual([
      'docs/page.md:3: inline code `#!math` (a pymdownx.inlinehilite custom_inline) is not rendered; it is shown as plain code',
    ]);
  });
});
