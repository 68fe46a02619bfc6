import { renderMarkdown } from './__testUtils__/renderMarkdown';
import { createMarkdownRenderer } from './createMarkdownRenderer';
import { markdownExtensions } from './markdownExtensions';
import { PageEnv, PageWarnings, TrustedFragments } from './pageEnv';
import { sanitize } from '../output/sanitize';

const fence = (info: string, ...lines: string[]) =>
  [`\`\`\`${info}`, ...lines, '```', ''].join('\n');

describe('code fences', () => {
  it("writes Material's wrapper with the language class, and highlight.js tokens", () => {
    expect(renderMarkdown(fence('py', 'import os')).html).toBe(
      '<div class="language-py highlight"><pre><span></span><code>' +
        '<span class="hljs-keyword">import</span> os\n' +
        '</code></pre></div>\n',
    );
  });

  it('puts a title in span.filename: title="x.py"', () => {
    expect(renderMarkdown(fence('py title="x.py"', 'x')).html).toBe(
      '<div class="language-py highlight"><span class="filename">x.py</span>' +
        '<pre><span></span><code>x\n</code></pre></div>\n',
    );
  });

  it('reads ``` title="Emoji" with no language as plain text', () => {
    expect(renderMarkdown(fence('title="Emoji"', ':smile:')).html).toBe(
      '<div class="language-text highlight"><span class="filename">Emoji</span>' +
        '<pre><span></span><code>:smile:\n</code></pre></div>\n',
    );
  });

  it('reads { .yaml .no-copy }: the language, then classes on the wrapper', () => {
    expect(renderMarkdown(fence('{ .yaml .no-copy #conf }', 'a: 1')).html).toBe(
      '<div id="conf" class="language-yaml no-copy highlight"><pre><span></span><code>' +
        '<span class="hljs-attr">a:</span> <span class="hljs-number">1</span>\n' +
        '</code></pre></div>\n',
    );
  });

  it('numbers lines in a table from linenums, as Pygments does (padded, step, special)', () => {
    expect(
      renderMarkdown(fence('text linenums="9 2 5"', 'a', 'b', 'c')).html,
    ).toBe(
      '<div class="language-text highlight"><table class="highlighttable"><tr>' +
        '<td class="linenos"><div class="linenodiv"><pre><span></span>' +
        '<span class="normal">  </span>\n' +
        '<span class="special">10</span>\n' +
        '<span class="normal">  </span></pre></div></td>' +
        '<td class="code"><div><pre><span></span><code>a\nb\nc\n</code></pre></div></td>' +
        '</tr></table></div>\n',
    );
    expect(renderMarkdown(fence('text linenums="9"', 'a', 'b')).html).toContain(
      '<pre><span></span><span class="normal"> 9</span>\n<span class="normal">10</span></pre>',
    );
  });

  it("puts the title in the table's header row when lines are numbered", () => {
    expect(
      renderMarkdown(fence('text title="t" linenums="1"', 'a')).html,
    ).toContain(
      '<table class="highlighttable"><tr><th colspan="2" class="filename">' +
        '<span class="filename">t</span></th></tr><tr><td class="linenos">',
    );
  });

  it('numbers every block when linenums is on for the site, and none when it is off', () => {
    const on = [{ name: 'pymdownx.highlight', options: { linenums: true } }];
    expect(renderMarkdown(fence('text', 'a'), on).html).toContain(
      '<span class="normal">1</span>',
    );
    const off = [{ name: 'pymdownx.highlight', options: { linenums: false } }];
    expect(
      renderMarkdown(fence('text linenums="1"', 'a'), off).html,
    ).not.toContain('highlighttable');
  });

  it('wraps hl_lines in span.hll, counted from 1 whatever linenums starts at', () => {
    expect(
      renderMarkdown(
        fence('text linenums="5" hl_lines="2 3-4 9"', 'a', 'b', 'c', 'd'),
      ).html,
    ).toContain(
      '<code>a\n<span class="hll">b\n</span><span class="hll">c\n</span><span class="hll">d\n</span></code>',
    );
  });

  it('closes and reopens a token that crosses lines, so a highlighted line is balanced', () => {
    const { html } = renderMarkdown(
      fence('js hl_lines="2"', 'a = 1; /* one', 'two', 'three */ b = 2;'),
    );
    expect(html).toContain(
      '<code>a = <span class="hljs-number">1</span>; <span class="hljs-comment">/* one</span>\n' +
        '<span class="hll"><span class="hljs-comment">two</span>\n</span>' +
        '<span class="hljs-comment">three */</span> b = <span class="hljs-number">2</span>;\n</code>',
    );
  });

  it("writes line spans and anchors as Material's recommended settings ask", () => {
    const settings = [
      {
        name: 'pymdownx.highlight',
        options: { anchor_linenums: true, line_spans: '__span' },
      },
    ];
    const { html } = renderMarkdown(
      `${fence('text', 'a')}\n${fence('text linenums="1" hl_lines="1"', 'b')}`,
      settings,
    );
    expect(html).toContain(
      '<code><span id="__span-0-1"><a id="__codelineno-0-1" name="__codelineno-0-1" href="#__codelineno-0-1"></a>a\n</span></code>',
    );
    expect(html).toContain(
      '<span class="normal"><a href="#__codelineno-1-1">1</a></span>',
    );
    expect(html).toContain(
      '<code><span id="__span-1-1"><a id="__codelineno-1-1" name="__codelineno-1-1"></a><span class="hll">b\n</span></span></code>',
    );
  });

  it('writes pymdownx-inline line numbers as data-linenos', () => {
    const settings = [
      {
        name: 'pymdownx.highlight',
        options: { linenums_style: 'pymdownx-inline' },
      },
    ];
    expect(
      renderMarkdown(fence('text linenums="1"', 'a'), settings).html,
    ).toContain(
      '<code><span class="linenos" data-linenos="1 "></span>a\n</code>',
    );
  });

  it('escapes code in a language highlight.js does not know, and keeps data-* attributes', () => {
    expect(
      renderMarkdown(fence('{ .nosuchlang data-x="1" }', '<b>')).html,
    ).toBe(
      '<div class="language-text highlight" data-x="1"><pre><span></span><code>&lt;b&gt;\n</code></pre></div>\n',
    );
  });

  it("names the language's title with auto_title", () => {
    const settings = [
      { name: 'pymdownx.highlight', options: { auto_title: true } },
    ];
    expect(renderMarkdown(fence('python', 'x'), settings).html).toContain(
      '<span class="filename">Python</span>',
    );
  });

  it('warns about an option pymdownx does not accept, and renders the code', () => {
    const { html, warnings } = renderMarkdown(fence('js foo="bar"', 'x'));
    expect(html).toContain('<div class="language-js highlight">');
    expect(warnings).toEqual([
      'docs/page.md:1: code fence option `foo="bar"` is not one pymdownx.superfences accepts; it is ignored',
    ]);
  });
});

describe('code fences on a page with raw HTML', () => {
  it("keep the wrapper's data-* attributes and its nesting through the sanitizer", () => {
    const render = createMarkdownRenderer(markdownExtensions([]));
    const env: PageEnv = {
      file: 'docs/page.md',
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    const page = render(
      `<b>raw</b>\n\n${fence('{ .text data-x="1" }', 'a')}\nafter\n`,
      url => url,
      env,
    );
    expect(env.trusted.restore(sanitize(page.html))).toContain(
      '<div class="language-text highlight" data-x="1"><pre><span></span><code>a\n</code></pre></div>\n<p>after</p>',
    );
  });
});

describe('custom fences', () => {
  const customFences = (format: string) => [
    {
      name: 'pymdownx.superfences',
      options: {
        custom_fences: [{ name: 'flow', class: 'uml-flow', format }],
      },
    },
  ];

  it('keeps Mermaid for the browser, as fence_code_format writes it', () => {
    expect(renderMarkdown(fence('mermaid', 'graph TD', '  A-->B')).html).toBe(
      '<pre class="mermaid"><code>graph TD\n  A--&gt;B</code></pre>\n',
    );
  });

  it('honours fence_code_format and fence_div_format, with attribute lists', () => {
    expect(
      renderMarkdown(
        fence('flow', 'a<b'),
        customFences('!!python/name:pymdownx.superfences.fence_code_format'),
      ).html,
    ).toBe('<pre class="uml-flow"><code>a&lt;b</code></pre>\n');
    expect(
      renderMarkdown(
        fence('{ .flow #f .big }', 'x'),
        customFences('pymdownx.superfences.fence_div_format'),
      ).html,
    ).toBe('<div id="f" class="uml-flow big">x</div>\n');
  });

  it('warns about a formatter it does not have, and shows plain code', () => {
    const { html, warnings } = renderMarkdown(
      `${fence('flow', 'a')}\n${fence('flow', 'b')}`,
      customFences('!!python/name:my_plugin.render_flow'),
    );
    expect(html).toContain(
      '<div class="language-flow highlight"><pre><span></span><code>a\n</code></pre></div>',
    );
    expect(warnings).toEqual([
      'docs/page.md:1: custom fence `flow` uses the formatter `my_plugin.render_flow`, which the generator does not have; it is shown as plain code (and 1 more on this page)',
    ]);
  });
});

describe('code fences and hostile mkdocs.yml options', () => {
  const hostile = 'x"><img src=x onerror=alert(1)><a x="';

  it.each(['line_anchors', 'line_spans'])(
    'ignores a %s that is not an id prefix, with a warning',
    option => {
      const { html, warnings } = renderMarkdown(fence('py', 'a', 'b'), [
        { name: 'pymdownx.highlight', options: { [option]: hostile } },
      ]);
      expect(html).not.toContain('onerror');
      expect(html).not.toContain('<img');
      expect(html).not.toMatch(/ (id|name)="/);
      expect(warnings).toEqual([
        `docs/page.md:1: pymdownx.highlight's \`${option}\` is not an id prefix (a letter or \`_\`, then letters, digits, \`_\` or \`-\`); it is ignored`,
      ]);
    },
  );

  it('keeps a line_anchors prefix that is a name', () => {
    const { html, warnings } = renderMarkdown(fence('py', 'a'), [
      { name: 'pymdownx.highlight', options: { line_anchors: '__line' } },
    ]);
    expect(html).toContain('<a id="__line-0-1" name="__line-0-1"></a>');
    expect(warnings).toEqual([]);
  });

  it('escapes a css_class, a custom fence class and an auto title from mkdocs.yml', () => {
    const { html } = renderMarkdown(
      [fence('py', 'a'), fence('diagram', 'b')].join('\n'),
      [
        {
          name: 'pymdownx.highlight',
          options: {
            css_class: hostile,
            auto_title: true,
            auto_title_map: { Python: '<img src=x onerror=alert(1)>' },
          },
        },
        {
          name: 'pymdownx.superfences',
          options: {
            custom_fences: [
              {
                name: 'diagram',
                class: hostile,
                format: '!!python/name:pymdownx.superfences.fence_div_format',
              },
            ],
          },
        },
      ],
    );
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/ x="/);
  });
});
