import { sanitize } from './sanitize';
import { createMarkdownRenderer } from '../markdown/createMarkdownRenderer';
import { markdownExtensions } from '../markdown/markdownExtensions';
import { PageEnv, PageWarnings, TrustedFragments } from '../markdown/pageEnv';

/** A page as a build renders it: Markdown, the sanitizer, then the generator's markup put back. */
function buildPage(source: string, extensions: string[]) {
  const render = createMarkdownRenderer(
    markdownExtensions(extensions.map(name => ({ name, options: {} }))),
  );
  const env: PageEnv = {
    file: 'docs/page.md',
    warnings: new PageWarnings(),
    trusted: new TrustedFragments(),
  };
  const page = render(source, url => url, env);
  expect(page.hasRawHtml).toBe(true);
  return env.trusted.restore(sanitize(page.html));
}

/** Each tag of `html` with its attributes, as a browser would read them. */
function tags(html: string) {
  return [
    ...html.matchAll(/<([a-z][a-z0-9-]*)((?:[^>"']|"[^"]*"|'[^']*')*)>/gi),
  ].map(([, name, attrs]) => ({ name: name.toLowerCase(), attrs }));
}

describe('sanitize', () => {
  it.each([
    ['an event handler', '<img src="a.png" onerror="alert(1)">'],
    ['an event handler in any case', '<p OnMouseOver="alert(1)">x</p>'],
    ['a javascript: link', '<a href="javascript:alert(1)">x</a>'],
    [
      'an entity-encoded javascript: link',
      '<a href="jav&#x09;ascript:alert(1)">x</a>',
    ],
    ['a vbscript: link', '<a href="vbscript:msgbox(1)">x</a>'],
    ['a data: link', '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>'],
    [
      'a data: image that is HTML',
      '<img src="data:text/html;base64,PHNjcmlwdD4=">',
    ],
    [
      'a javascript: srcset',
      '<picture><source srcset="javascript:alert(1) 1x"><img src="a.png"></picture>',
    ],
    [
      'a formaction',
      '<p><button formaction="javascript:alert(1)">x</button></p>',
    ],
    [
      'an input that submits',
      '<p><input type="image" src="x" formaction="javascript:alert(1)"></p>',
    ],
  ])('drops %s', (_what, html) => {
    const out = sanitize(html);
    expect(tags(out).length).toBeGreaterThan(0);
    for (const { attrs } of tags(out)) {
      expect(attrs).not.toMatch(
        /\son[a-z]+\s*=|script:|data:text|formaction|type="image"/i,
      );
    }
    expect(tags(out).map(t => t.name)).not.toContain('button');
  });

  it.each([
    ['<script>', '<script>alert(1)</script>after'],
    [
      '<style>',
      '<style>body{background:url(javascript:alert(1))}</style>after',
    ],
    [
      '<iframe>',
      '<iframe src="https://evil.example" srcdoc="<script>alert(1)</script>"></iframe>after',
    ],
    ['<object>', '<object data="evil.swf"></object>after'],
    ['<embed>', '<embed src="evil.swf">after'],
    [
      '<form>',
      '<form action="https://evil.example"><input type="text" name="password"></form>after',
    ],
    [
      '<svg><script>',
      '<svg><script>alert(1)</script><a xlink:href="javascript:alert(2)"><text>t</text></a></svg>after',
    ],
    [
      'a <math> trick',
      '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>after',
    ],
    [
      '<meta http-equiv=refresh>',
      '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">after',
    ],
    ['<base>', '<base href="https://evil.example/">after'],
  ])('removes %s and what it runs', (_what, html) => {
    const out = sanitize(html);
    const forbidden = new Set([
      'script',
      'style',
      'iframe',
      'object',
      'embed',
      'form',
      'svg',
      'math',
      'meta',
      'base',
    ]);
    expect(tags(out).filter(t => forbidden.has(t.name))).toEqual([]);
    expect(out).not.toMatch(/alert\(/);
    expect(out).toContain('after');
  });

  it('removes inputs other than task list boxes', () => {
    expect(
      sanitize(
        '<p><input autofocus onfocus="alert(1)"><input type="file"><input type="checkbox" checked></p>',
      ),
    ).toBe('<p><input type="checkbox" checked /></p>');
  });

  it('keeps what Markdown and Material content use', () => {
    const html = [
      '<figure markdown class="wide"><img src="diagram.png" alt="Diagram" width="300" height="200" loading="lazy"><figcaption>The <mark>flow</mark></figcaption></figure>',
      '<div class="grid cards" id="cards"><span class="md-tag">tag</span></div>',
      '<details class="note" open><summary>More</summary><p>Text</p></details>',
      '<table><thead><tr><th style="text-align: center">H</th></tr></thead><tbody><tr><td colspan="2">C</td></tr></tbody></table>',
      '<p><kbd>Ctrl</kbd> <abbr title="HyperText">HTML</abbr> H<sub>2</sub>O x<sup>2</sup> <ins>a</ins> <del>b</del></p>',
      '<ul class="task-list"><li><input type="checkbox" checked disabled> done</li></ul>',
      '<a href="https://x.example/" class="md-button">Go</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot">',
      '<picture><source srcset="wide.png 2x" media="(min-width: 800px)"><img src="narrow.png" alt=""></picture>',
    ].join('\n');
    expect(sanitize(html)).toBe(
      [
        '<figure class="wide"><img src="diagram.png" alt="Diagram" width="300" height="200" loading="lazy" /><figcaption>The <mark>flow</mark></figcaption></figure>',
        '<div class="grid cards" id="cards"><span class="md-tag">tag</span></div>',
        '<details class="note" open><summary>More</summary><p>Text</p></details>',
        '<table><thead><tr><th style="text-align:center">H</th></tr></thead><tbody><tr><td colspan="2">C</td></tr></tbody></table>',
        '<p><kbd>Ctrl</kbd> <abbr title="HyperText">HTML</abbr> H<sub>2</sub>O x<sup>2</sup> <ins>a</ins> <del>b</del></p>',
        '<ul class="task-list"><li><input type="checkbox" checked disabled /> done</li></ul>',
        '<a href="https://x.example/" class="md-button">Go</a> <img src="data:image/png;base64,iVBORw0KGgo=" alt="dot" />',
        '<picture><source srcset="wide.png 2x" media="(min-width: 800px)" /><img src="narrow.png" alt="" /></picture>',
      ].join('\n'),
    );
  });

  it("does not put the generator's markup back inside an attribute that raw HTML left open", () => {
    const html = buildPage(
      '<div title="\n\n:material-heart: $x$ ++ctrl++\n\n<p>">x\n',
      ['pymdownx.emoji', 'pymdownx.arithmatex', 'pymdownx.keys'],
    );
    const titles = [...html.matchAll(/title="([^"]*)"/g)].map(m => m[1]);
    expect(titles).toHaveLength(1);
    expect(titles[0]).not.toMatch(/[<>\uE000\uE001]/);
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('<p>">x');
  });
});
