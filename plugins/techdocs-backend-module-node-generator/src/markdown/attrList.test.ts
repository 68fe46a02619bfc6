import { renderMarkdown } from './__testUtils__/renderMarkdown';
import { withoutAttrList } from './attrList';

describe('attr_list', () => {
  it('gives a heading the id of its braces, which links, the table of contents and the page use', () => {
    const { html, toc } = renderMarkdown(
      '# FastAPI { #fastapi }\n\n## Install {: #setup .wide }\n\nSee [FastAPI](#fastapi).\n',
    );
    expect(html).toContain('<h1 id="fastapi">FastAPI</h1>');
    expect(html).toContain('<h2 id="setup" class="wide">Install</h2>');
    expect(html).toContain('<a href="#fastapi">FastAPI</a>');
    expect(toc).toEqual([{ level: 2, id: 'setup', title: 'Install' }]);
  });

  it('reads headings closed with hashes and setext headings, as Python-Markdown does', () => {
    const { html } = renderMarkdown(
      '### A hash style header ### {: #hash }\n\nA setext style header {: #setext}\n===\n\n## Title {: .class }\n',
    );
    expect(html).toContain('<h3 id="hash">A hash style header</h3>');
    expect(html).toContain('<h1 id="setext">A setext style header</h1>');
    expect(html).toContain('<h2 class="class" id="title">Title</h2>');
  });

  it('sets classes and attributes on links and images right before the braces', () => {
    const { html } = renderMarkdown(
      '[Get started](start.md){ .md-button .md-button--primary } [More](more.md){ .md-button }\n\n![x](a.png){ width="300" loading=lazy }\n',
    );
    expect(html).toContain(
      '<a href="start.md" class="md-button md-button--primary">Get started</a> <a href="more.md" class="md-button">More</a>',
    );
    expect(html).toContain(
      '<img src="a.png" alt="x" width="300" loading="lazy">',
    );
  });

  it('sets them on inline code, emphasis and strong text, not on text after a space', () => {
    const { html } = renderMarkdown(
      '`code`{ .c } *em*{: #e } **strong**{ title="A \'title\'" } *apart* { .no }\n',
    );
    expect(html).toBe(
      '<p><code class="c">code</code> <em id="e">em</em> <strong title="A \'title\'">strong</strong> <em>apart</em> { .no }</p>\n',
    );
  });

  it('applies a brace list on the last line of a paragraph or list item to that block', () => {
    const { html } = renderMarkdown(
      'Lorem ipsum (1)\n{ .annotate }\n\n- first\n- second (1)\n{ .annotate }\n\n1. loose\n\n2. item\n{: .last }\n',
    );
    expect(html).toContain('<p class="annotate">Lorem ipsum (1)</p>');
    expect(html).toContain(
      '<ul>\n<li>first</li>\n<li class="annotate">second (1)</li>\n</ul>',
    );
    expect(html).toContain('<li>\n<p class="last">item</p>\n</li>');
  });

  it('lifts what follows `^` to the list, and leaves braces on the line of a list item alone', () => {
    const { html } = renderMarkdown(
      '* Item1\n{ .itemclass ^ .listclass1 }\n* Item2\n{ ^ .listclass2 }\n* Item3 { .stays }\n',
    );
    expect(html).toContain(
      '<ul class="listclass1 listclass2">\n<li class="itemclass">Item1</li>\n<li>Item2</li>\n<li>Item3 { .stays }</li>\n</ul>',
    );
  });

  it('lets key=value replace what came before, while classes add up', () => {
    const { html } = renderMarkdown(
      'Text\n{: #id1 .class1 id=id2 class="class2 class3" .class4 }\n',
    );
    expect(html).toBe('<p id="id2" class="class2 class3 class4">Text</p>\n');
  });

  it('sets a cell attribute after a space and an inline one right after an element', () => {
    const { html } = renderMarkdown(
      '| set on td    | set on em   |\n|--------------|-------------|\n| *a* { .foo } | *b*{ .foo } |\n',
    );
    expect(html).toContain(
      '<td class="foo"><em>a</em></td>\n<td><em class="foo">b</em></td>',
    );
  });

  it('leaves escaped, empty and misplaced braces as written', () => {
    const { html } = renderMarkdown(
      'A \\{ .not } list, *em*\\{ .x }, {} and { }.\n\nPara\n\\{: .y }\n\n{: .alone }\n',
    );
    expect(html).toBe(
      '<p>A { .not } list, <em>em</em>{ .x }, {} and { }.</p>\n<p>Para\n{: .y }</p>\n<p>{: .alone }</p>\n',
    );
  });

  it('drops event handlers, with a warning', () => {
    const { html, warnings } = renderMarkdown(
      '[x](a.md){ onclick="alert(1)" OnMouseOver=alert(2) .ok }\n',
    );
    expect(html).toBe('<p><a href="a.md" class="ok">x</a></p>\n');
    expect(warnings).toEqual([
      'docs/page.md:1: `{ onclick=… }` (attr_list): the `onclick` attribute is dropped, as event handlers run script',
      'docs/page.md:1: `{ OnMouseOver=… }` (attr_list): the `OnMouseOver` attribute is dropped, as event handlers run script',
    ]);
  });

  it('drops URLs that run script and styles that load URLs, with a warning, and keeps safe ones', () => {
    const { html, warnings } = renderMarkdown(
      'Intro\n\n[x](a.md){ href="java\tscript:alert(1)" }\n![i](a.png){ src="data:text/html,x" }\n![j](b.png){ src="data:image/png;base64,AAAA" data-zoom=1 }\n[k](c.md){ target=_blank rel=noopener }\n*s*{ style="background: URL(x.png)" } *t*{ style="text-align: center" }\n',
    );
    expect(html).toContain('<a href="a.md">x</a>');
    expect(html).toContain('<img src="a.png" alt="i">');
    expect(html).toContain(
      '<img src="data:image/png;base64,AAAA" alt="j" data-zoom="1">',
    );
    expect(html).toContain(
      '<a href="c.md" target="_blank" rel="noopener">k</a>',
    );
    expect(html).toContain('<em>s</em> <em style="text-align: center">t</em>');
    expect(warnings).toEqual([
      'docs/page.md:3: `{ href=… }` (attr_list): the `href` attribute is dropped, as its URL could run script',
      'docs/page.md:3: `{ src=… }` (attr_list): the `src` attribute is dropped, as its URL could run script',
      'docs/page.md:3: `{ style=… }` (attr_list): the `style` attribute is dropped, as styles other than `text-align` could cover or restyle the page',
    ]);
  });

  it('drops a style that could cover the reader, on a page with no raw HTML (which is not sanitized)', () => {
    const { html, warnings } = renderMarkdown(
      '# T { style="position:fixed;inset:0;z-index:99999;background:#fff" }\n\n:material-heart:{ style="position:fixed;inset:0" }\n',
      ['pymdownx.emoji'],
    );
    expect(html).not.toContain('style=');
    expect(html).toContain('<h1 id="t">T</h1>');
    expect(warnings).toEqual([
      'docs/page.md:1: `{ style=… }` (attr_list): the `style` attribute is dropped, as styles other than `text-align` could cover or restyle the page (and 1 more on this page)',
    ]);
  });

  it('drops attributes the sanitizer would not allow on their element, with a warning', () => {
    const { html, warnings } = renderMarkdown(
      '![i](a.png){ width=300 formaction=x }\n\n[x](a.md){ width=3 srcdoc=x }\n',
    );
    expect(html).toContain('<img src="a.png" alt="i" width="300">');
    expect(html).toContain('<a href="a.md">x</a>');
    expect(warnings).toEqual([
      'docs/page.md:1: `{ formaction=… }` (attr_list): the `formaction` attribute is dropped, as the generator does not write it on `<img>`',
      'docs/page.md:3: `{ width=… }` (attr_list): the `width` attribute is dropped, as the generator does not write it on `<a>`',
      'docs/page.md:3: `{ srcdoc=… }` (attr_list): the `srcdoc` attribute is dropped, as the generator does not write it on `<a>`',
    ]);
  });

  it('makes attribute names safe as Python-Markdown does', () => {
    const { html } = renderMarkdown('*x*{ data-a"b=1 data-c<>d=2 }\n');
    expect(html).toBe('<p><em data-a_b="1" data-c_d="2">x</em></p>\n');
  });

  it('gives a heading text without its braces, for titles read from the source', () => {
    expect(withoutAttrList('FastAPI { #fastapi }')).toBe('FastAPI');
    expect(withoutAttrList('Title ### {: .x }')).toBe('Title');
    expect(withoutAttrList('Set{x}')).toBe('Set{x}');
  });

  it('reads long lines of braces in linear time', () => {
    const started = Date.now();
    const heading = renderMarkdown(`# x${' {a'.repeat(40_000)}\n`);
    const spaces = renderMarkdown(`*x*{a${' '.repeat(100_000)}b\n`);
    const line = renderMarkdown(`p\n{a${' '.repeat(100_000)}b\n`);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(heading.html).toContain(' {a {a</h1>');
    expect(spaces.html).toContain('<em>x</em>{a');
    expect(line.html).toContain('<p>p\n{a');
  });

  it('takes the leftmost brace list of a heading, as a regex search does', () => {
    const { html, warnings } = renderMarkdown(
      '# T {x} { .a {.b }\n\n## U {:}\n',
    );
    expect(html).toContain('<h1 class="a" id="t-x">T {x}</h1>');
    expect(html).toContain('<h2 id="u">U</h2>');
    expect(warnings).toEqual([
      'docs/page.md:1: `{ _.b=… }` (attr_list): the `_.b` attribute is dropped, as the generator does not write it on `<h1>`',
      'docs/page.md:3: `{ :=… }` (attr_list): the `:` attribute is dropped, as the generator does not write it on `<h2>`',
    ]);
  });
});
