import { splitHighlightedLines } from './highlight';

describe('splitHighlightedLines', () => {
  it('closes the spans open at a line end and reopens them on the next line', () => {
    expect(
      splitHighlightedLines(
        'x = <span class="hljs-string">&quot;&quot;&quot;a\n<span class="hljs-subst">b\nc</span>&quot;&quot;&quot;</span>\n',
      ),
    ).toEqual([
      'x = <span class="hljs-string">&quot;&quot;&quot;a</span>',
      '<span class="hljs-string"><span class="hljs-subst">b</span></span>',
      '<span class="hljs-string"><span class="hljs-subst">c</span>&quot;&quot;&quot;</span>',
      '',
    ]);
  });

  it('keeps empty lines', () => {
    expect(splitHighlightedLines('a\n\nb')).toEqual(['a', '', 'b']);
  });
});
