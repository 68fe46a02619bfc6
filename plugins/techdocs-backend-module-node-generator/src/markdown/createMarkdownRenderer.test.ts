import { isPlainHtml } from './createMarkdownRenderer';
import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('isPlainHtml', () => {
  it('is true for layout tags with only class, id, title or align', () => {
    expect(isPlainHtml('<div class="grid cards">\n')).toBe(true);
    expect(isPlainHtml('</div>')).toBe(true);
    expect(isPlainHtml('<span id="x" title="a b">')).toBe(true);
    expect(isPlainHtml('<br/>')).toBe(true);
    expect(isPlainHtml('<div class="a"></div>\n<p align="center">')).toBe(true);
  });

  it('is false for anything that could run script or load a resource', () => {
    for (const html of [
      '<div onclick="alert(1)">',
      '<div class=x>',
      '<div class="a" style="color:red">',
      '<img src="x.png">',
      '<a href="#x">',
      '<script>alert(1)</script>',
      '<div class="a"><script>',
      '<svg><script>',
      '<div class="&quot;">',
      '<!-- comment -->',
      'text <b>',
    ]) {
      expect(isPlainHtml(html)).toBe(false);
    }
  });
});

describe('createMarkdownRenderer', () => {
  it('marks a page for the sanitizer only when its raw HTML is more than plain tags', () => {
    expect(
      renderMarkdown('<div class="grid" markdown>\n\n**x**\n\n</div>\n', [
        'md_in_html',
      ]).hasRawHtml,
    ).toBe(false);
    expect(
      renderMarkdown('Text with <span class="hint">a hint</span>.\n')
        .hasRawHtml,
    ).toBe(false);
    expect(renderMarkdown('<div onclick="alert(1)">x</div>\n').hasRawHtml).toBe(
      true,
    );
    expect(
      renderMarkdown('Text <img src=x onerror=alert(1)>\n').hasRawHtml,
    ).toBe(true);
  });

  it('leaves raw HTML out of the table of contents', () => {
    const { toc } = renderMarkdown(
      '## Deploys <span class="md-tag">ops</span>\n',
    );
    expect(toc).toEqual([
      { level: 2, id: 'deploys-ops', title: 'Deploys ops' },
    ]);
  });

  it('warns that content nested too deep to be shown is left out', () => {
    const deep = renderMarkdown(`${'>'.repeat(150)} deep text\n`);
    expect(deep.html).not.toContain('deep text');
    expect(deep.warnings).toEqual([
      'docs/page.md:1: containers (blockquotes, lists, admonitions, tabs, blocks) are nested more than 99 levels deep here; what is deeper is not shown',
    ]);
    const shallow = renderMarkdown(`${'>'.repeat(50)} deep text\n`);
    expect(shallow.html).toContain('deep text');
    expect(shallow.warnings).toEqual([]);
  });
});
