import { createMarkdownRenderer } from '../createMarkdownRenderer';
import { ConfiguredItem, markdownExtensions } from '../markdownExtensions';
import { PageEnv, PageWarnings, TrustedFragments } from '../pageEnv';

/**
 * Renders one page as a build does (without link rewriting or the raw-HTML
 * sanitizer), with TechDocs core's extensions plus `extensions`, given as
 * mkdocs.yml lists them: `['pymdownx.arithmatex', { name: 'toc', options:
 * { permalink: true } }]`. Returns the HTML with the generator's own markup
 * restored, and the page's warnings as the build log writes them.
 */
export function renderMarkdown(
  source: string,
  extensions: Array<string | ConfiguredItem> = [],
) {
  const render = createMarkdownRenderer(
    markdownExtensions(
      extensions.map(item =>
        typeof item === 'string' ? { name: item, options: {} } : item,
      ),
    ),
  );
  const env: PageEnv = {
    file: 'docs/page.md',
    warnings: new PageWarnings(),
    trusted: new TrustedFragments(),
  };
  const page = render(source, url => url, env);
  return {
    ...page,
    html: env.trusted.restore(page.html),
    warnings: env.warnings.messages(env.file),
  };
}
