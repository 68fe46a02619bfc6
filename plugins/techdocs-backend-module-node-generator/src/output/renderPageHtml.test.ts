import { renderPageHtml, PageContext } from './renderPageHtml';

const base: PageContext = {
  siteName: 'Site',
  url: 'guide/',
  title: 'Guide',
  contentHtml: '<p>Text</p>',
  hasH1: false,
  toc: [],
  nav: [
    { kind: 'page', title: 'Home', srcPath: 'index.md', url: '' },
    { kind: 'page', title: 'Guide', srcPath: 'guide.md', url: 'guide/' },
  ],
};

describe('renderPageHtml', () => {
  it('shows a page icon before its title in the nav, as Material does', () => {
    const html = renderPageHtml({
      ...base,
      navIcons: new Map([['guide.md', '<svg viewBox="0 0 24 24"></svg>']]),
    });
    expect(html).toContain(
      '<a href="../guide/" class="md-nav__link md-nav__link--active"><svg viewBox="0 0 24 24"></svg>Guide</a>',
    );
    expect(html).toContain('<a href="../" class="md-nav__link">Home</a>');
  });

  it('percent-encodes and escapes local nav links from mkdocs.yml', () => {
    const html = renderPageHtml({
      ...base,
      nav: [
        { kind: 'link', title: 'A "b"', url: 'a b/"x"/', local: true },
        { kind: 'link', title: 'Ext', url: 'https://x.example.com/a b?q="1"' },
      ],
    });
    expect(html).toContain(
      '<a href="../a%20b/%22x%22/" class="md-nav__link">A &quot;b&quot;</a>',
    );
    expect(html).toContain(
      '<a href="https://x.example.com/a%20b?q=%221%22" class="md-nav__link">Ext</a>',
    );
  });

  it('never writes a script URL from the nav', () => {
    const html = renderPageHtml({
      ...base,
      // eslint-disable-next-line no-script-url
      nav: [{ kind: 'link', title: 'X', url: ' javascript:alert(1)' }],
    });
    expect(html).not.toContain('javascript');
  });

  it('links the previous and next pages from the footer, hidden by hide: [footer]', () => {
    const links = {
      previous: { title: 'Home <1>', url: '' },
      // page URLs come percent-encoded, as pageUrl() gives them
      next: { title: 'Next', url: 'a%20b/' },
    };
    const html = renderPageHtml({ ...base, ...links });
    expect(html).toContain(
      '<nav class="md-footer__inner md-grid" aria-label="Footer"><a href="../" class="md-footer__link md-footer__link--prev" aria-label="Previous: Home &lt;1&gt;" rel="prev"><div class="md-footer__button md-icon"><svg',
    );
    expect(html).toContain(
      '<a href="../a%20b/" class="md-footer__link md-footer__link--next" aria-label="Next: Next" rel="next"><div class="md-footer__title"><div class="md-ellipsis"><span class="md-footer__direction">Next</span>Next</div></div><div class="md-footer__button md-icon"><svg',
    );
    const hidden = renderPageHtml({
      ...base,
      ...links,
      hide: new Set(['footer']),
    });
    expect(hidden).toContain(
      '<nav class="md-footer__inner md-grid" aria-label="Footer" hidden>',
    );
    expect(renderPageHtml(base)).not.toContain('md-footer__inner');
  });
});
