import MarkdownIt from 'markdown-it';
import { annotations } from './annotations';
import { renderMarkdown } from './__testUtils__/renderMarkdown';
import { PageEnv, PageWarnings, TrustedFragments } from './pageEnv';
import { createMarkdownRenderer } from './createMarkdownRenderer';
import { markdownExtensions } from './markdownExtensions';
import { sanitize } from '../output/sanitize';

const MARKER = (n: number) =>
  `<span class="md-annotation" tabindex="0"><span class="md-annotation__index"><span data-md-annotation-id="${n}"></span></span></span>`;
const TOOLTIP = (n: number, html: string) =>
  `<div class="md-tooltip" role="tooltip" data-md-annotation-id="${n}"><div class="md-tooltip__inner md-typeset">${html}</div></div>`;

describe('code annotations', () => {
  it('turns a comment marker into a numbered marker, with its note as a tooltip and the list kept', () => {
    const { html } = renderMarkdown(
      [
        '``` yaml',
        'theme:',
        '  features: # (1)',
        '```',
        '',
        "1.  I'm a code annotation!",
        '',
      ].join('\n'),
    );
    expect(html).toBe(
      '<div class="language-yaml highlight"><pre><span></span><code>' +
        '<span class="hljs-attr">theme:</span>\n' +
        `  <span class="hljs-attr">features:</span> <span class="hljs-comment"># ${MARKER(
          1,
        )}</span>\n` +
        '</code></pre></div>\n' +
        `<div class="md-annotation-tooltips">${TOOLTIP(
          1,
          "I'm a code annotation!",
        )}</div>\n` +
        '<ol class="md-annotation-list">\n<li>I\'m a code annotation!</li>\n</ol>\n',
    );
  });

  it('strips the comment with (1)!, in any comment syntax', () => {
    const { html } = renderMarkdown(
      [
        '``` html',
        '<!-- (1)! -->',
        '<p>x</p> <!-- (2) -->',
        '```',
        '',
        '1. one',
        '2. two',
      ].join('\n'),
    );
    expect(html).toContain(`<span class="hljs-comment">${MARKER(1)}</span>\n`);
    expect(html).toContain(
      `<span class="hljs-comment">&lt;!-- ${MARKER(2)} --&gt;</span>`,
    );
    expect(html).toContain(
      `<div class="md-annotation-tooltips">${TOOLTIP(1, 'one')}${TOOLTIP(
        2,
        'two',
      )}</div>`,
    );
  });

  it('leaves markers outside comments, markers without a note, and blocks without a list alone', () => {
    const { html } = renderMarkdown(
      [
        '``` python',
        'f("(1)")  # (2)',
        '```',
        '',
        '1. one',
        '',
        '``` python',
        '# (1)',
        '```',
      ].join('\n'),
    );
    expect(html).not.toContain('md-annotation');
    expect(html).toContain('<span class="hljs-comment"># (2)</span>');
    expect(html).toContain('<span class="hljs-comment"># (1)</span>');
    expect(html).toContain('<ol>\n<li>one</li>\n</ol>');
  });

  it("renders a note's Markdown in its tooltip, without the ids the list keeps", () => {
    const { html } = renderMarkdown(
      [
        '``` js',
        'x // (1)',
        '```',
        '',
        '1.  A note[^n] with `code`',
        '',
        '[^n]: F.',
      ].join('\n'),
    );
    const tooltip = html.slice(
      html.indexOf('<div class="md-annotation-tooltips">'),
      html.indexOf('<ol'),
    );
    expect(tooltip).toContain('<code>code</code>');
    expect(tooltip).not.toContain(' id="');
    expect(html.slice(html.indexOf('<ol'))).toContain(' id="');
  });
});

describe('annotations on a page with raw HTML', () => {
  it('keeps markers and tooltips whole through the sanitizer, and sanitizes the notes', () => {
    const render = createMarkdownRenderer(markdownExtensions([]));
    const env: PageEnv = {
      file: 'docs/page.md',
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    const page = render(
      '``` js\nx // (1)\n```\n\n1. <b onclick="alert(1)">note</b>\n',
      url => url,
      env,
    );
    expect(page.hasRawHtml).toBe(true);
    const html = env.trusted.restore(sanitize(page.html));
    expect(html).toContain(`<span class="hljs-comment">// ${MARKER(1)}</span>`);
    expect(html).toContain(
      `<div class="md-annotation-tooltips">${TOOLTIP(1, '<b>note</b>')}</div>`,
    );
    expect(html).not.toContain('onclick');
  });
});

describe('annotations in blocks with the annotate class', () => {
  // Stands in for attr_list's `{ .annotate }`: the first paragraph gets the class.
  function render(source: string) {
    const md = new MarkdownIt();
    md.core.ruler.push('annotate_first_paragraph', state => {
      state.tokens
        .find(t => t.type === 'paragraph_open')
        ?.attrJoin('class', 'annotate');
    });
    md.use(annotations);
    const env: PageEnv = {
      file: 'docs/page.md',
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    return env.trusted.restore(md.render(source, env));
  }

  it("turns (1) in the block's text into a marker, with the tooltips after the block", () => {
    expect(
      render('Lorem ipsum (1) dolor (2)! sit (3).\n\n1. One\n2. Two\n'),
    ).toBe(
      `<p class="annotate">Lorem ipsum ${MARKER(1)} dolor ${MARKER(
        2,
      )} sit (3).</p>\n` +
        `<div class="md-annotation-tooltips">${TOOLTIP(1, 'One')}${TOOLTIP(
          2,
          'Two',
        )}</div>\n` +
        '<ol class="md-annotation-list">\n<li>One</li>\n<li>Two</li>\n</ol>\n',
    );
  });

  it('leaves a block without a list after it, and text without the class, alone', () => {
    expect(render('A (1).\n\nB (1).\n\n1. One\n')).toBe(
      '<p class="annotate">A (1).</p>\n<p>B (1).</p>\n<ol>\n<li>One</li>\n</ol>\n',
    );
  });
});
