import MarkdownIt, { type Token } from 'markdown-it';
import deflist from 'markdown-it-deflist';
import abbr from 'markdown-it-abbr';
import taskLists from 'markdown-it-task-lists';
import { admonitions } from './admonitions';
import { fences } from './fences';
import { inlineHilite } from './inlineHilite';
import { annotations } from './annotations';
import { unrendered } from './unrendered';
import { tabbed } from './tabbed';
import { blocks } from './blocks/blocks';
import { mdInHtml } from './mdInHtml';
import { attrList } from './attrList';
import { caret, mark, tilde } from './caretTildeMark';
import { emoji } from './emoji';
import { footnotes } from './footnotes';
import { headingIds } from './headingIds';
import { keys } from './keys';
import { magiclink } from './magiclink';
import { math } from './math';
import { smartSymbols } from './smartSymbols';
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

/**
 * The Markdown dialect TechDocs authors write: CommonMark and tables, fenced
 * code highlighted with highlight.js, admonitions and details, task lists,
 * footnotes, definition lists, abbreviations, heading anchors, emoji
 * shortcodes and Mermaid fences (left for the browser, as Material does).
 * `extensions` are the site's (see markdownExtensions): what is not among
 * them is not rendered.
 */
export function createMarkdownRenderer(extensions: MarkdownExtensions) {
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // Every URL is a link here; rewriteUrls drops those that could run script,
  // with a warning, where markdown-it would leave the Markdown as text.
  md.validateLink = () => true;
  md.use(admonitions)
    .use(footnotes)
    .use(deflist)
    .use(abbr)
    .use(taskLists, { enabled: false, label: true })
    .use(headingIds, extensions.get('toc'));
  if (extensions.has('pymdownx.tabbed')) md.use(tabbed);
  md.use(blocks, extensions);
  if (extensions.has('md_in_html')) md.use(mdInHtml);
  md.use(unrendered);
  const use = (
    name: string,
    plugin: (target: typeof md, options: Record<string, unknown>) => void,
  ) => {
    const options = extensions.get(name);
    if (options) plugin(md, options);
  };
  use('pymdownx.arithmatex', math);
  use('pymdownx.keys', keys);
  use('pymdownx.mark', mark);
  use('pymdownx.caret', caret);
  use('pymdownx.tilde', tilde);
  if (!extensions.has('pymdownx.tilde')) md.disable('strikethrough');
  use('pymdownx.emoji', emoji);
  use('pymdownx.magiclink', magiclink);
  use('pymdownx.smartsymbols', smartSymbols);
  use('attr_list', attrList);

  md.use(fences, extensions);
  if (extensions.has('pymdownx.inlinehilite')) md.use(inlineHilite, extensions);
  // Last: annotate blocks get their class from rules before it (attr_list...).
  md.use(annotations);

  return (
    source: string,
    rewriteUrl: UrlRewriter,
    env: PageEnv,
  ): RenderedPage => {
    const tokens = md.parse(withoutPlaceholderMarks(source), env);
    warnWhenTooDeep(tokens, md.options.maxNesting, env);
    rewriteUrls(tokens, rewriteUrl, env);
    const toc: TocEntry[] = [];
    let title: string | undefined;
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      const level = Number(token.tag.slice(1));
      // raw HTML in a heading is markup, not its title (as Python-Markdown's toc)
      const text =
        tokens[i + 1].children
          ?.filter(c => c.type !== 'html_inline')
          .map(c => c.content)
          .join('') ?? '';
      if (level === 1 && title === undefined) title = text;
      if (level === 2 || level === 3) {
        toc.push({ level, id: String(token.attrGet('id') ?? ''), title: text });
      }
    });
    const hasRawHtml = tokens.some(
      t =>
        (t.type === 'html_block' && !isPlainHtml(t.content)) ||
        t.children?.some(
          c => c.type === 'html_inline' && !isPlainHtml(c.content),
        ),
    );
    return {
      html: md.renderer.render(tokens, md.options, env),
      hasRawHtml,
      title,
      toc,
    };
  };
}

/**
 * markdown-it stops parsing a container nested `maxNesting` levels deep and
 * leaves out what is inside it, without a word: that is warned about.
 */
function warnWhenTooDeep(tokens: Token[], maxNesting: number, env: PageEnv) {
  const deepest = tokens.find(token => token.level >= maxNesting - 1);
  if (deepest) {
    env.warnings.add(
      deepest.map?.[0],
      `containers (blockquotes, lists, admonitions, tabs, blocks) are nested more than ${
        maxNesting - 1
      } levels deep here; what is deeper is not shown`,
    );
  }
}

/**
 * A tag that cannot carry script or load anything: an element of text or
 * layout with only class, id, title or align attributes, quoted, and
 * nothing in their values that could end them.
 */
const PLAIN_TAG =
  /^<\/?(?:div|span|p|section|article|aside|header|footer|figure|figcaption|details|summary|center|br|hr|em|strong|b|i|u|s|small|sub|sup|kbd|mark|code|pre|blockquote|ul|ol|li|dl|dt|dd|table|thead|tbody|tr|th|td|h[1-6])(?:\s+(?:class|id|title|align)="[^"<>&]*")*\s*\/?>$/i;

/**
 * Whether raw HTML is only plain tags (see {@link PLAIN_TAG}), as md_in_html's
 * `<div class="grid cards" markdown>` leaves: such a page needs no sanitizer,
 * which would otherwise parse all of it again (a fifth of a build's time).
 */
export function isPlainHtml(html: string): boolean {
  const trimmed = html.trim();
  if (!trimmed) return true;
  return trimmed.split(/(?<=>)\s*(?=<)/).every(tag => PLAIN_TAG.test(tag));
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
