import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('unrendered plugin syntax', () => {
  it('warns once per page about `{{ ... }}`, with its first line and a count, and keeps the text', () => {
    const { html, warnings } = renderMarkdown(
      '# Title\n\nVersion {{ config.extra.version }}.\n\nAnd {{ more }}.\n',
    );
    expect(html).toContain('<p>Version {{ config.extra.version }}.</p>');
    expect(warnings).toEqual([
      'docs/page.md:3: `{{ ... }}` (mkdocs-macros / Jinja) is not rendered; the text stays as written (and 1 more on this page)',
    ]);
  });

  it('warns about `{% ... %}`', () => {
    const { html, warnings } = renderMarkdown('{% include "x.md" %}\n');
    expect(html).toContain('{% include &quot;x.md&quot; %}');
    expect(warnings).toEqual([
      'docs/page.md:1: `{% ... %}` (mkdocs-macros / Jinja) is not rendered; the text stays as written',
    ]);
  });

  it('warns about mkdocstrings `::: identifier` lines', () => {
    const { html, warnings } = renderMarkdown(
      'Intro\n\n::: my_package.module.Class\n    options:\n      show_source: false\n',
    );
    expect(html).toContain('::: my_package.module.Class');
    expect(warnings).toEqual([
      'docs/page.md:3: `::: identifier` (mkdocstrings) is not rendered; the text stays as written',
    ]);
  });

  it('does not look into code', () => {
    const { warnings } = renderMarkdown(
      '```jinja\n{{ value }} {% if x %}\n::: pkg.mod\n```\n\nUse `{{ name }}` here.\n\n    {% raw %}\n',
    );
    expect(warnings).toEqual([]);
  });

  it('keeps a paragraph of a million openers and no closer as text, without a warning', () => {
    const text = `${'{{'.repeat(500_000)} ${'{%'.repeat(500_000)}`;
    const { html, warnings } = renderMarkdown(`${text}\n`);
    expect(html).toBe(`<p>${text}</p>\n`);
    expect(warnings).toEqual([]);
  });
});
