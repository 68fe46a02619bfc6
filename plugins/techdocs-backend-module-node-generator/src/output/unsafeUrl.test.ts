/* eslint-disable no-script-url */
import { renderMarkdown } from '../markdown/__testUtils__/renderMarkdown';

describe('URLs that could run script', () => {
  it.each([
    ['javascript:alert(1)', 'javascript'],
    ['JavaScript://%0aalert(1)', 'javascript'],
    ['java%09script:alert(1)', 'javascript'],
    ['vbscript:msgbox(1)', 'vbscript'],
    ['data:text/html;base64,PHNjcmlwdD4=', 'data'],
    ['data:image/svg+xml;base64,PHN2Zz4=', 'data'],
  ])(
    'drops the link %s, keeping its text, with a warning naming the line',
    (url, scheme) => {
      const { html, warnings } = renderMarkdown(
        `# Page\n\nSee [the text](<${url}>).\n`,
      );
      expect(html).toContain('<p>See <a>the text</a>.</p>');
      expect(warnings).toEqual([
        `docs/page.md:3: a \`${scheme}:\` link is dropped (its text stays): such URLs can run script`,
      ]);
    },
  );

  it('drops an autolink and a reference link the same way', () => {
    const { html, warnings } = renderMarkdown(
      '<javascript:alert(1)>\n\n[ref][x]\n\n[x]: javascript:alert(2)\n',
    );
    expect(html).not.toContain('href');
    expect(warnings).toEqual([
      'docs/page.md:1: a `javascript:` link is dropped (its text stays): such URLs can run script (and 1 more on this page)',
    ]);
  });

  it('drops an image whose data: source is not an image, and keeps image data', () => {
    const { html, warnings } = renderMarkdown(
      '![bad](data:text/html;base64,PHNjcmlwdD4=)\n\n![ok](data:image/png;base64,iVBORw0KGgo=)\n',
    );
    expect(html).toContain('<img alt="bad">');
    expect(html).toContain(
      '<img src="data:image/png;base64,iVBORw0KGgo=" alt="ok">',
    );
    expect(warnings).toEqual([
      'docs/page.md:1: an image with a `data:` source that is not an image is dropped (its alt text stays): such URLs can run script',
    ]);
  });

  it('keeps ordinary links as they are', () => {
    const { html, warnings } = renderMarkdown(
      '[a](https://x.example/?q=javascript:) [b](mailto:a@b.example) [c](page.md)\n',
    );
    expect(html).toContain('<a href="https://x.example/?q=javascript:">a</a>');
    expect(html).toContain('<a href="mailto:a@b.example">b</a>');
    expect(html).toContain('<a href="page.md">c</a>');
    expect(warnings).toEqual([]);
  });
});
