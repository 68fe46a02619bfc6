import fs from 'node:fs';
import path from 'node:path';
import { renderMarkdown } from './__testUtils__/renderMarkdown';
import { createMarkdownRenderer } from './createMarkdownRenderer';
import { iconSvg } from './icons';
import { markdownExtensions } from './markdownExtensions';
import { PageWarnings, TrustedFragments } from './pageEnv';

/** The path data of an icon file of an installed icon set. */
function pathData(pkg: string, file: string): string {
  const dir = require.resolve
    .paths(pkg)!
    .map(base => path.join(base, pkg))
    .find(candidate => fs.existsSync(candidate))!;
  const svg = fs.readFileSync(path.join(dir, file), 'utf8');
  return /<path[^>]*\sd="([^"]+)"/.exec(svg)![1];
}

describe('emoji and icons', () => {
  it('writes emoji of the full set, including names markdown-it-emoji lacks, as the character', () => {
    const { html, warnings } = renderMarkdown(
      ':man_raising_hand: :smile: :+1: :thumbsup: :heart:\n',
    );
    expect(html).toBe(
      '<p>\u{1f64b}\u200d\u2642\ufe0f \u{1f604} \u{1f44d}\ufe0f \u{1f44d}\ufe0f \u2764\ufe0f</p>\n',
    );
    expect(warnings).toEqual([]);
  });

  it.each([
    [':material-heart:', '@mdi/svg', 'svg/heart.svg', '0 0 24 24'],
    [
      ':octicons-arrow-right-24:',
      '@primer/octicons',
      'build/svg/arrow-right-24.svg',
      '0 0 24 24',
    ],
    [
      ':fontawesome-brands-github:',
      '@fortawesome/fontawesome-free',
      'svgs/brands/github.svg',
      '0 0 512 512',
    ],
    [':simple-github:', 'simple-icons', 'icons/github.svg', '0 0 24 24'],
  ])(
    'writes %s as its SVG in a span.twemoji, as Material does',
    (code, pkg, file, viewBox) => {
      const { html } = renderMarkdown(`Go ${code} now\n`);
      expect(html).toMatch(
        new RegExp(
          `^<p>Go <span class="twemoji"><svg [^>]*viewBox="${viewBox}"[^>]*>.*</svg></span> now</p>\\n$`,
        ),
      );
      expect(html).toContain(`d="${pathData(pkg, file)}"`);
      expect(html).not.toMatch(/<title>|<!--|\sid="|\swidth="/);
    },
  );

  it('puts an emoji given attr_list attributes in a span that carries them', () => {
    const { html } = renderMarkdown(':smile:{ .lg } :smile:\n');
    expect(html).toBe('<p><span class="lg">\u{1f604}</span> \u{1f604}</p>\n');
  });

  it('adds attr_list classes to the icon span', () => {
    const { html } = renderMarkdown(':material-heart:{ .heart .pulse }\n');
    expect(html).toMatch(/^<p><span class="twemoji heart pulse"><svg /);
  });

  it('keeps the SVG out of the raw-HTML sanitizer, as generator markup', () => {
    const render = createMarkdownRenderer(markdownExtensions([]));
    const env = {
      file: 'docs/page.md',
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    const page = render(':material-heart: <b>raw</b>\n', url => url, env);
    expect(page.html).not.toContain('<svg');
    expect(env.trusted.restore(page.html)).toContain(
      '<span class="twemoji"><svg ',
    );
  });

  it('leaves an unknown icon as written, with a warning', () => {
    const { html, warnings } = renderMarkdown(
      ':material-no-such-icon: :fontawesome-github: :material-Heart:\n',
    );
    expect(html).toBe(
      '<p>:material-no-such-icon: :fontawesome-github: :material-Heart:</p>\n',
    );
    expect(warnings).toEqual([
      'docs/page.md:1: `:material-no-such-icon:` is not an icon of Material Design Icons; the text stays as written',
      'docs/page.md:1: `:fontawesome-github:` is not an icon of Font Awesome; the text stays as written',
      'docs/page.md:1: `:material-Heart:` is not an icon of Material Design Icons; the text stays as written',
    ]);
  });

  it('leaves an unknown emoji name as written, with a warning, and times alone', () => {
    const { html, warnings } = renderMarkdown(
      'At 10:30:45 :no_such_emoji:\n\n`:smile:`\n',
    );
    expect(html).toBe(
      '<p>At 10:30:45 :no_such_emoji:</p>\n<p><code>:smile:</code></p>\n',
    );
    expect(warnings).toEqual([
      'docs/page.md:1: `:no_such_emoji:` is not an emoji or icon shortcode; the text stays as written',
    ]);
  });

  it('never reads a file outside the icon sets: a name is never a path', () => {
    expect(iconSvg('material-heart')).toContain('<svg');
    expect(iconSvg('octicons-../../../@mdi/svg/svg/heart')).toBeUndefined();
    expect(iconSvg('material-heart/../heart')).toBeUndefined();
  });
});
