import MarkdownIt, { type Token } from 'markdown-it';
import anchor from 'markdown-it-anchor';
import footnote from 'markdown-it-footnote';
import deflist from 'markdown-it-deflist';
import abbr from 'markdown-it-abbr';
import taskLists from 'markdown-it-task-lists';
import { full as emoji } from 'markdown-it-emoji';
import { admonitions } from './admonitions';
import { highlight } from './highlight';
import type { MarkdownExtensions } from './markdownExtensions';
import type { PageEnv } from './pageEnv';
import { unsafeUrlScheme, unsafeUrlWarning } from '../output/unsafeUrl';
import { withoutPlaceholderMarks } from '../output/placeholderMarks';

/** A heading of the page's table of contents. */
export type TocEntry = { level: number; id: string; title: string };

/** What rendering one page gives. */
export type RenderedPage = {
  html: string;
  /** Whether the page has raw HTML, the only part of it that needs sanitizing. */
  hasRawHtml: boolean;
  title?: string;
  toc: TocEntry[];
};

/**
 * Rewrites a link or image URL found on a page; returns it unchanged when not
 * local. `line` is markdown-it's line of the link, for warnings.
 */
export type UrlRewriter = (
  url: string,
  kind: 'link' | 'image',
  line: number | undefined,
) => string;

/** Python-Markdown's toc slugify: lowercase words joined with dashes. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, '-');
}

/**
 * The Markdown dialect TechDocs authors write: CommonMark and tables, fenced
 * code highlighted with highlight.js, admonitions and details, task lists,
 * footnotes, definition lists, abbreviations, heading anchors, emoji
 * shortcodes and Mermaid fences (left for the browser, as Material does).
 * `extensions` are the site's (see markdownExtensions): what is not among
 * them is not rendered.
 */
export function createMarkdownRenderer(_extensions: MarkdownExtensions) {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // Every URL is a link here; rewriteUrls drops those that could run script,
  // with a warning, where markdown-it would leave the Markdown as text.
  md.validateLink = () => true;
  md.use(admonitions)
    .use(footnote)
    .use(deflist)
    .use(abbr)
    .use(taskLists, { enabled: false, label: true })
    .use(emoji)
    .use(anchor, { slugify, tabIndex: false });

  md.renderer.rules.fence = (tokens, idx) => {
    const token = tokens[idx];
    const lang = token.info.trim().split(/\s+/)[0].toLowerCase();
    const code = token.content;
    if (lang === 'mermaid') {
      return `<pre class="mermaid"><code>${md.utils.escapeHtml(
        code,
      )}</code></pre>\n`;
    }
    const highlighted =
      (lang ? highlight(code, lang) : undefined) ?? md.utils.escapeHtml(code);
    const cls = lang
      ? ` class="language-${md.utils.escapeHtml(lang)} hljs"`
      : ' class="hljs"';
    return `<div class="highlight"><pre><code${cls}>${highlighted}</code></pre></div>\n`;
  };

  return (
    source: string,
    rewriteUrl: UrlRewriter,
    env: PageEnv,
  ): RenderedPage => {
    const tokens = md.parse(withoutPlaceholderMarks(source), env);
    rewriteUrls(tokens, rewriteUrl, env);
    const toc: TocEntry[] = [];
    let title: string | undefined;
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      const level = Number(token.tag.slice(1));
      const text = tokens[i + 1].children?.map(c => c.content).join('') ?? '';
      if (level === 1 && title === undefined) title = text;
      if (level === 2 || level === 3) {
        toc.push({ level, id: String(token.attrGet('id') ?? ''), title: text });
      }
    });
    const hasRawHtml = tokens.some(
      t =>
        t.type === 'html_block' ||
        t.children?.some(c => c.type === 'html_inline'),
    );
    return {
      html: md.renderer.render(tokens, md.options, env),
      hasRawHtml,
      title,
      toc,
    };
  };
}

function rewriteUrls(
  tokens: Token[],
  rewriteUrl: UrlRewriter,
  env: PageEnv,
  line?: number,
) {
  for (const token of tokens) {
    const at = token.map?.[0] ?? line;
    const attr =
      (token.type === 'link_open' && 'href') ||
      (token.type === 'image' && 'src') ||
      undefined;
    const url = attr && token.attrGet(attr);
    if (attr && typeof url === 'string' && url) {
      const kind = attr === 'href' ? 'link' : 'image';
      const unsafe = unsafeUrlScheme(url, kind);
      if (unsafe) {
        env.warnings.add(at, unsafeUrlWarning(unsafe, kind));
        token.attrs = token.attrs?.filter(([name]) => name !== attr) ?? null;
      } else {
        token.attrSet(attr, rewriteUrl(url, kind, at));
      }
    }
    if (token.children) rewriteUrls(token.children, rewriteUrl, env, at);
  }
}
