import { createMarkdownRenderer } from '../markdown/createMarkdownRenderer';
import { markdownExtensions } from '../markdown/markdownExtensions';
import { PageEnv, PageWarnings, TrustedFragments } from '../markdown/pageEnv';
import { sanitize } from './sanitize';

describe('placeholders of the generator markup', () => {
  it.each([
    ['as the characters', '\uE0000\uE001'],
    ['as hexadecimal entities', '&#xE000;0&#xe001;'],
    ['as decimal entities', '&#57344;0&#0057345;'],
    [
      'percent-encoded in an autolink',
      '<https://x.example/%EE%80%800%EE%80%81>',
    ],
    ['in raw HTML', '<span title="&#xE000;0&#xE001;">&#xE000;0&#xE001;</span>'],
  ])('cannot be forged by a page, %s', (_how, forged) => {
    const render = createMarkdownRenderer(markdownExtensions([]));
    const env: PageEnv = {
      file: 'docs/page.md',
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    // Markup the generator wrote on this page, which the forged placeholder names.
    expect(env.trusted.add('<svg id="generated"></svg>')).toBe('\uE0000\uE001');
    const page = render(`# Page\n\nText ${forged} more\n`, url => url, env);
    // As a build does: raw HTML sanitized, then the generator's markup put back.
    const html = env.trusted.restore(
      page.hasRawHtml ? sanitize(page.html) : page.html,
    );
    expect(html).not.toContain('generated');
    expect(html).toContain('more');
  });
});
