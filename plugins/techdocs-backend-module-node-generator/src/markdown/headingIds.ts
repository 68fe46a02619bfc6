import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import { slugify } from './slugify';
import { escapeAttr, escapeText } from '../output/escape';

/**
 * Heading ids as Python-Markdown's toc writes them: an id given with
 * attr_list is kept as it is; any other heading gets the slug of its text,
 * made unique among every id of the page with `_1`, `_2`... (`usage`,
 * `usage_1`), so that `page.md#usage_1` finds the heading it finds in MkDocs.
 */
export function headingIds(md: MarkdownIt, toc: Record<string, unknown> = {}) {
  const permalink = permalinkOf(toc);
  md.core.ruler.push('heading_ids', (state: StateCore) => {
    const used = new Set<string>();
    collectIds(state.tokens, used);
    state.tokens.forEach((token, i) => {
      if (token.type !== 'heading_open' || token.attrGet('id') !== null) return;
      token.attrSet(
        'id',
        unique(slugify(headingText(state.tokens[i + 1])), used),
      );
    });
    if (permalink) addPermalinks(state, permalink);
  });

  md.renderer.rules.headerlink = (tokens: Token[], idx: number) => {
    const { id, symbol, title, className } = tokens[idx].meta as Permalink & {
      id: string;
    };
    return `<a class="${escapeAttr(className)}" href="#${escapeAttr(
      id,
    )}" title="${escapeAttr(title)}">${symbol}</a>`;
  };
}

type Permalink = {
  /** The link's content, as HTML. */
  symbol: string;
  title: string;
  className: string;
  leading: boolean;
};

/** toc's `permalink` options: `true` is a pilcrow, a string is the link's text. */
function permalinkOf(toc: Record<string, unknown>): Permalink | undefined {
  const { permalink } = toc;
  if (!permalink) return undefined;
  return {
    symbol: typeof permalink === 'string' ? escapeText(permalink) : '&para;',
    title:
      typeof toc.permalink_title === 'string'
        ? toc.permalink_title
        : 'Permanent link',
    className:
      typeof toc.permalink_class === 'string'
        ? toc.permalink_class
        : 'headerlink',
    leading: toc.permalink_leading === true,
  };
}

/**
 * A `headerlink` in each heading, as toc's `permalink` writes it (the reader
 * focuses it when a link opens the heading). One token with no text, so that
 * the table of contents and search never show its symbol.
 */
function addPermalinks(state: StateCore, permalink: Permalink) {
  state.tokens.forEach((token, i) => {
    const inline = state.tokens[i + 1];
    if (token.type !== 'heading_open' || !inline?.children) return;
    const link = new state.Token('headerlink', 'a', 0);
    link.meta = { ...permalink, id: String(token.attrGet('id')) };
    if (permalink.leading) inline.children.unshift(link);
    else inline.children.push(link);
  });
}

/**
 * Inline tokens whose content makes a heading's slug: its text and code, and
 * keys' labels, as in Python-Markdown.
 */
const TEXT_TOKENS = new Set(['text', 'code_inline', 'text_special', 'keys']);

/** A heading's text, as its slug and its table of contents entry use it. */
export function headingText(inline: Token | undefined): string {
  return (inline?.children ?? [])
    .filter(c => TEXT_TOKENS.has(c.type))
    .map(c => c.content)
    .join('');
}

function collectIds(tokens: Token[], used: Set<string>) {
  for (const token of tokens) {
    const id = token.attrGet('id');
    if (id !== null) used.add(String(id));
    if (token.children) collectIds(token.children, used);
  }
}

function unique(slug: string, used: Set<string>): string {
  let id = slug;
  while (!id || used.has(id)) {
    const numbered = /^(.*)_(\d+)$/.exec(id);
    id = numbered ? `${numbered[1]}_${Number(numbered[2]) + 1}` : `${id}_1`;
  }
  used.add(id);
  return id;
}
