import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('footnotes', () => {
  it('writes footnotes with the ids and markup of Python-Markdown', () => {
    const { html } = renderMarkdown(
      'A[^1] B[^note] C[^1]\n\n[^1]: One.\n[^note]: Two\n\n    Para two.\n',
    );
    expect(html).toBe(
      '<p>A<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' +
        ' B<sup id="fnref:note"><a class="footnote-ref" href="#fn:note">2</a></sup>' +
        ' C<sup id="fnref2:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>\n' +
        '<div class="footnote">\n<hr>\n<ol>\n' +
        '<li id="fn:1">\n<p>One.&#160;<a class="footnote-backref" href="#fnref:1" title="Jump back to footnote 1 in the text">&#8617;</a>' +
        '<a class="footnote-backref" href="#fnref2:1" title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n' +
        '<li id="fn:note">\n<p>Two</p>\n<p>Para two.&#160;<a class="footnote-backref" href="#fnref:note" title="Jump back to footnote 2 in the text">&#8617;</a></p>\n</li>\n' +
        '</ol>\n</div>\n',
    );
  });
});
