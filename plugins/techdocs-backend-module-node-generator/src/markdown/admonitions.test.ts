import { renderMarkdown } from './__testUtils__/renderMarkdown';

const md = (lines: string[]) => `${lines.join('\n')}\n`;

describe('admonitions and details', () => {
  // Each expected output is what Python-Markdown's admonition and
  // pymdownx.details write for the same source
  it.each([
    [
      'annotate, passed through',
      '!!! note annotate "Title"',
      '<div class="admonition note annotate">\n<p class="admonition-title">Title</p>\n<p>Body</p>\n</div>\n',
    ],
    [
      'inline',
      '!!! info inline',
      '<div class="admonition info inline">\n<p class="admonition-title">Info</p>\n<p>Body</p>\n</div>\n',
    ],
    [
      'inline end',
      '!!! info inline end',
      '<div class="admonition info inline end">\n<p class="admonition-title">Info</p>\n<p>Body</p>\n</div>\n',
    ],
    [
      'several classes, lowercased, title from the first',
      '!!! Danger highlight  blink',
      '<div class="admonition danger highlight blink">\n<p class="admonition-title">Danger</p>\n<p>Body</p>\n</div>\n',
    ],
    [
      'an empty title: none',
      '!!! note ""',
      '<div class="admonition note">\n<p>Body</p>\n</div>\n',
    ],
    [
      'a title as inline Markdown',
      '!!! tip "Use *this*"',
      '<div class="admonition tip">\n<p class="admonition-title">Use <em>this</em></p>\n<p>Body</p>\n</div>\n',
    ],
    [
      'details with modifiers, open',
      '???+ note inline end "T"',
      '<details class="note inline end" open>\n<summary>T</summary>\n<p>Body</p>\n</details>\n',
    ],
    [
      'details with a title only',
      '??? "Only title"',
      '<details>\n<summary>Only title</summary>\n<p>Body</p>\n</details>\n',
    ],
    [
      'details with an empty title: an empty summary',
      '??? warning ""',
      '<details class="warning">\n<summary></summary>\n<p>Body</p>\n</details>\n',
    ],
  ])('renders %s', (_, opener, expected) => {
    expect(renderMarkdown(md([opener, '    Body'])).html).toBe(expected);
  });

  it('nests admonitions and details', () => {
    const { html } = renderMarkdown(
      md([
        '!!! note',
        '    Outer',
        '',
        '    ??? tip',
        '        !!! warning',
        '            Deep',
      ]),
    );
    expect(html).toBe(
      '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Outer</p>\n' +
        '<details class="tip">\n<summary>Tip</summary>\n' +
        '<div class="admonition warning">\n<p class="admonition-title">Warning</p>\n<p>Deep</p>\n</div>\n' +
        '</details>\n</div>\n',
    );
  });

  it('leaves a line that is not an opener as text', () => {
    expect(renderMarkdown(md(['!!! "no type"', '    Body'])).html).toContain(
      '<p>!!! &quot;no type&quot;',
    );
  });
});
