import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import {
  braceListAtEnd,
  braceListAtStart,
  braceListLine,
} from './attrListBraces';
import { unsafeUrlScheme } from '../output/unsafeUrl';

const WORD =
  /([^ =]+)="(.*?)"|([^ =]+)='(.*?)'|([^ =]+)=([^ =]+)|([^ =]+)|( )/y;
/** Characters that cannot be in an attribute name, as attr_list replaces them. */
const NOT_NAME =
  /[^A-Z_a-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd:\-.0-9\u00b7\u0300-\u036f\u203f-\u2040]+/g;

/** Blocks whose brace list ends their one line (a heading, a cell, a term). */
const ONE_LINE_BLOCKS = new Set([
  'heading_open',
  'th_open',
  'td_open',
  'dt_open',
]);
/** Inline tokens that are text, which a brace list after them does not apply to. */
const NOT_ELEMENTS = new Set([
  'text',
  'text_special',
  'softbreak',
  'hardbreak',
  'html_inline',
]);
/**
 * The attributes a brace list may set, as the sanitizer of raw HTML allows
 * them (a page without raw HTML is not sanitized): on any element, then on
 * some only. `data-*` attributes are allowed everywhere.
 */
const ANY_ELEMENT = new Set([
  'id',
  'class',
  'title',
  'lang',
  'dir',
  'align',
  'style',
]);
const BY_TAG: Record<string, ReadonlySet<string>> = {
  a: new Set(['href', 'name', 'target', 'rel']),
  img: new Set(['src', 'alt', 'width', 'height', 'loading']),
  td: new Set(['colspan', 'rowspan']),
  th: new Set(['colspan', 'rowspan', 'scope']),
  ol: new Set(['start', 'type', 'reversed']),
};
const DATA_ATTRIBUTE = /^data-[a-z0-9_.-]+$/;
/** `style` only aligns text, as the sanitizer allows it. */
const TEXT_ALIGN = /^\s*text-align\s*:\s*(?:left|right|center)\s*;?\s*$/i;

type Attribute = [name: string, value: string];

/**
 * Python-Markdown's attr_list: `{ #id .class key=value }` after a heading,
 * on the last line of a paragraph or list item (`^` lifts what follows it to
 * the list), after a table cell's content, or right after an inline element
 * (link, image, code, emphasis, icon...). The braces never show. Attributes
 * that could run script are dropped with a warning.
 */
export function attrList(md: MarkdownIt) {
  // Before text_join, so that an escaped brace (`\{`) is still its own token.
  md.core.ruler.before('text_join', 'attr_list', (state: StateCore) => {
    const env = state.env as PageEnv;
    state.tokens.forEach((token, i) => {
      if (token.type !== 'inline' || !token.children) return;
      const line = token.map?.[0];
      applyToBlock(state.tokens, i, env, line);
      applyInline(token.children, env, line);
    });
  });
}

/**
 * A heading's text without its attr_list braces (`FastAPI { #fastapi }` is
 * `FastAPI`), for whatever reads a page's title from its source.
 */
export function withoutAttrList(heading: string): string {
  const match = braceListAtEnd(heading);
  return match
    ? heading.slice(0, match.index).replace(/#+$/, '').trimEnd()
    : heading;
}

function applyToBlock(
  tokens: Token[],
  inlineIndex: number,
  env: PageEnv,
  line: number | undefined,
) {
  const inline = tokens[inlineIndex];
  const children = inline.children!;
  const open = tokens[inlineIndex - 1];
  const last = children[children.length - 1];
  if (!open || !last || last.type !== 'text') return;

  if (ONE_LINE_BLOCKS.has(open.type)) {
    const match = braceListAtEnd(last.content);
    if (!match) return;
    assign(open, match.list, env, line);
    last.content = last.content.slice(0, match.index);
    // `### Title ### { #id }`: the closing hashes go too, as in Python-Markdown.
    if (open.type === 'heading_open') {
      last.content = last.content.replace(/#+$/, '').trimEnd();
    }
    const inlineMatch = braceListAtEnd(inline.content);
    if (inlineMatch) {
      inline.content = inline.content.slice(0, inlineMatch.index);
    }
    return;
  }
  if (open.type !== 'paragraph_open') return;
  const before = children[children.length - 2];
  if (before?.type !== 'softbreak') return;
  const match = braceListLine(last.content);
  if (!match) return;
  // A tight list item's paragraph is not written: the list item takes them.
  const target = open.hidden ? parentOf(tokens, inlineIndex - 1) : open;
  if (!target) return;
  const [own, lifted] = splitAtCaret(match.list);
  assign(target, own, env, line);
  if (lifted !== undefined && target.type === 'list_item_open') {
    const list = parentOf(tokens, tokens.indexOf(target));
    if (list) assign(list, lifted, env, line);
  }
  children.splice(children.length - 2, 2);
  inline.content = inline.content.replace(/\n[^\n]*$/, '');
}

function applyInline(
  children: Token[],
  env: PageEnv,
  line: number | undefined,
) {
  for (let i = 1; i < children.length; i++) {
    const text = children[i];
    if (text.type !== 'text' || text.content.charCodeAt(0) !== 0x7b) continue;
    const match = braceListAtStart(text.content);
    if (!match) continue;
    const target = elementBefore(children, i);
    if (!target) continue;
    assign(target, match.list, env, line);
    text.content = text.content.slice(match.end);
  }
}

/** The inline element that ends right before `children[i]`, if any. */
function elementBefore(children: Token[], i: number): Token | undefined {
  const previous = children[i - 1];
  if (previous.nesting === 0) {
    return NOT_ELEMENTS.has(previous.type) ? undefined : previous;
  }
  if (previous.nesting !== -1) return undefined;
  let depth = 0;
  for (let j = i - 1; j >= 0; j--) {
    depth += children[j].nesting;
    if (depth === 0) return children[j];
  }
  return undefined;
}

/** The block that contains `tokens[index]`. */
function parentOf(tokens: Token[], index: number): Token | undefined {
  const level = tokens[index].level - 1;
  for (let j = index - 1; j >= 0; j--) {
    if (tokens[j].level === level && tokens[j].nesting === 1) return tokens[j];
  }
  return undefined;
}

function splitAtCaret(list: string): [string, string | undefined] {
  const caret = list.search(/(^| )\^( |$)/);
  if (caret === -1) return [list, undefined];
  const at = list.indexOf('^', caret);
  return [list.slice(0, at), list.slice(at + 1)];
}

/** The attributes of a brace list, in order, as Python-Markdown reads them. */
export function parseAttributes(list: string): Attribute[] {
  const attributes: Attribute[] = [];
  WORD.lastIndex = 0;
  while (WORD.lastIndex < list.length) {
    // Like Python-Markdown's scanner, reading stops where no pattern matches.
    const match = WORD.exec(list);
    if (!match) break;
    const [, dq, dqValue, sq, sqValue, kv, kvValue, word] = match;
    if (dq) attributes.push([dq, dqValue]);
    else if (sq) attributes.push([sq, sqValue]);
    else if (kv) attributes.push([kv, kvValue]);
    else if (word?.startsWith('.')) attributes.push(['.', word.slice(1)]);
    else if (word?.startsWith('#')) attributes.push(['id', word.slice(1)]);
    else if (word) attributes.push([word, word]);
  }
  return attributes;
}

/** Sets a brace list's attributes on a token: classes add up, the rest replace. */
export function assign(
  token: Token,
  list: string,
  env: PageEnv,
  line: number | undefined,
) {
  for (const [key, value] of parseAttributes(list)) {
    if (key === '.') {
      if (value) token.attrJoin('class', value);
      continue;
    }
    const name = key.replace(NOT_NAME, '_');
    const refusal = refusalOf(token.tag, name, value);
    if (refusal) {
      env.warnings.add(
        line,
        `\`{ ${name}=… }\` (attr_list): the \`${name}\` attribute is dropped, ${refusal}`,
      );
      continue;
    }
    token.attrSet(name, value);
  }
}

/** Why an attribute is not written on `tag`, or undefined when it is safe. */
function refusalOf(
  tag: string,
  name: string,
  value: string,
): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('on')) return 'as event handlers run script';
  if (lower === 'style') {
    return TEXT_ALIGN.test(value)
      ? undefined
      : 'as styles other than `text-align` could cover or restyle the page';
  }
  if (
    !ANY_ELEMENT.has(lower) &&
    !BY_TAG[tag]?.has(lower) &&
    !DATA_ATTRIBUTE.test(lower)
  ) {
    return `as the generator does not write it on \`<${tag || 'span'}>\``;
  }
  if (lower === 'href' || lower === 'src') {
    const unsafe = unsafeUrlScheme(value, lower === 'href' ? 'link' : 'image');
    if (unsafe) return 'as its URL could run script';
  }
  return undefined;
}
