import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('pymdownx.keys', () => {
  it('writes ++ctrl+alt+del++ as pymdownx does, with its key names and aliases', () => {
    const { html } = renderMarkdown(
      '++ctrl+alt+del++ ++cmd+shift+p++ ++"My Key"++ ++arrow-up++ ++f12++ ++esc++\n',
      ['pymdownx.keys'],
    );
    expect(html).toBe(
      '<p><span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd class="key-alt">Alt</kbd><span>+</span><kbd class="key-delete">Del</kbd></span>' +
        ' <span class="keys"><kbd class="key-command">Cmd</kbd><span>+</span><kbd class="key-shift">Shift</kbd><span>+</span><kbd class="key-p">P</kbd></span>' +
        ' <span class="keys"><kbd>My Key</kbd></span>' +
        ' <span class="keys"><kbd class="key-arrow-up">Up</kbd></span>' +
        ' <span class="keys"><kbd class="key-f12">F12</kbd></span>' +
        ' <span class="keys"><kbd class="key-escape">Esc</kbd></span></p>\n',
    );
  });

  it('follows its options: separator, strict, class and key_map', () => {
    const { html } = renderMarkdown('++ctrl+hyper++\n', [
      {
        name: 'pymdownx.keys',
        options: {
          separator: '-',
          strict: true,
          class: 'k',
          key_map: { hyper: 'Hyper' },
        },
      },
    ]);
    expect(html).toBe(
      '<p><kbd class="k"><kbd class="key-control">Ctrl</kbd><span>-</span><kbd class="key-hyper">Hyper</kbd></kbd></p>\n',
    );
  });

  it('leaves keys it does not know as written, with a warning', () => {
    const { html, warnings } = renderMarkdown('Press ++ctrl+nosuchkey++.\n', [
      'pymdownx.keys',
    ]);
    expect(html).toBe('<p>Press ++ctrl+nosuchkey++.</p>\n');
    expect(warnings).toEqual([
      'docs/page.md:1: `++ctrl+nosuchkey++` (pymdownx.keys): `nosuchkey` is not a key name; the text stays as written',
    ]);
  });

  it('renders nothing when mkdocs.yml does not list it', () => {
    const { html, warnings } = renderMarkdown('++ctrl+alt+del++\n');
    expect(html).toBe('<p>++ctrl+alt+del++</p>\n');
    expect(warnings).toEqual([]);
  });
});

describe('pymdownx.mark, caret and tilde', () => {
  it('writes ==mark==, ^^ins^^, ^sup^, ~~del~~ and H~2~O as pymdownx does', () => {
    const { html } = renderMarkdown(
      '==mark== ^^ins^^ x^2^ ~~del~~ H~2~O text^a\\ b^ ==**nested**==\n',
    );
    expect(html).toBe(
      '<p><mark>mark</mark> <ins>ins</ins> x<sup>2</sup> <del>del</del> H<sub>2</sub>O text<sup>a b</sup> <mark><strong>nested</strong></mark></p>\n',
    );
  });

  it('leaves markers that cannot open or close as text: a == b, 2 ^ 3, a ~ b', () => {
    const { html } = renderMarkdown('a == b, 2 ^ 3 ^ 4, a ~ b ~ c, ==open\n');
    expect(html).toBe('<p>a == b, 2 ^ 3 ^ 4, a ~ b ~ c, ==open</p>\n');
  });
});

describe('pymdownx.smartsymbols', () => {
  it('writes symbols, arrows, fractions and ordinals', () => {
    const { html } = renderMarkdown(
      '(c) (tm) (r) c/o +/- --> <-- <--> =/= 1/4 1/2 7/8 1st 2nd 3rd 4th 11th 21st 112th\n',
    );
    expect(html).toBe(
      '<p>© ™ ® ℅ ± → ← ↔ ≠ ¼ ½ ⅞ 1<sup>st</sup> 2<sup>nd</sup> 3<sup>rd</sup> 4<sup>th</sup> 11<sup>th</sup> 21<sup>st</sup> 112<sup>th</sup></p>\n',
    );
  });

  it('leaves code, longer numbers, dash runs, capitals and URLs alone', () => {
    const { html } = renderMarkdown(
      '`(c) -->` 11/4 ---> 1/45 (C) a1st https://x.dev/1/2\n',
    );
    expect(html).toBe(
      '<p><code>(c) --&gt;</code> 11/4 ---&gt; 1/45 (C) a1st <a href="https://x.dev/1/2">https://x.dev/1/2</a></p>\n',
    );
  });
});

describe('pymdownx.magiclink', () => {
  it('links bare URLs, www. addresses and email addresses as magiclink does', () => {
    const { html } = renderMarkdown(
      'See https://example.com/a?b=1, www.example.com and me@example.com.\n',
    );
    expect(html).toBe(
      '<p>See <a href="https://example.com/a?b=1">https://example.com/a?b=1</a>, <a href="http://www.example.com">www.example.com</a> and <a href="mailto:me@example.com">me@example.com</a>.</p>\n',
    );
  });

  it('leaves code, existing links and bare domain names alone', () => {
    const { html } = renderMarkdown(
      '`https://x.dev` [https://a.dev](https://b.dev) <https://c.dev> example.com\n',
    );
    expect(html).toBe(
      '<p><code>https://x.dev</code> <a href="https://b.dev">https://a.dev</a> <a href="https://c.dev">https://c.dev</a> example.com</p>\n',
    );
  });
});
