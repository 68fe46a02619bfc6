import type { MarkdownIt, StateBlock } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import { closingTag, tagsNamed } from './blocks/matchingTags';

// Python-Markdown md_in_html's tags, by how `markdown="1"` parses their content
const BLOCK_TAGS = new Set(
  (
    'article aside blockquote body colgroup details div dl fieldset ' +
    'figcaption figure footer form iframe header hr main menu nav map ' +
    'noscript object ol section table tbody thead tfoot tr ul'
  ).split(' '),
);
const SPAN_TAGS = new Set(
  'address dd dt h1 h2 h3 h4 h5 h6 legend li p summary td th'.split(' '),
);

const ATTRIBUTE = String.raw`\s+([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>\x60]+)))?`;
const OPEN_TAG = new RegExp(
  String.raw`^<([A-Za-z][A-Za-z0-9-]*)((?:${ATTRIBUTE})*)\s*>`,
);
const EACH_ATTRIBUTE = new RegExp(ATTRIBUTE, 'y');

/**
 * The `markdown` attribute among an opening tag's attributes (as
 * OPEN_TAG matched them): its value, and the other attributes as written.
 * Read attribute by attribute, not searched for: `markdown` in another
 * attribute's value is not one, and a search for `\s+markdown` retries each
 * space of a long run.
 */
function markdownAttribute(
  attrs: string,
): { value: string; others: string } | undefined {
  EACH_ATTRIBUTE.lastIndex = 0;
  for (let m = EACH_ATTRIBUTE.exec(attrs); m; m = EACH_ATTRIBUTE.exec(attrs)) {
    if (m[1].toLowerCase() === 'markdown') {
      return {
        value: (m[2] ?? m[3] ?? m[4] ?? '1').toLowerCase(),
        others: attrs.slice(0, m.index) + attrs.slice(m.index + m[0].length),
      };
    }
  }
  return undefined;
}

/** The line's text from the container's indent (list items keep theirs in bMarks). */
function lineSource(state: StateBlock, line: number): string {
  const start = state.bMarks[line];
  const indent = Math.min(state.tShift[line], state.blkIndent);
  return state.src.slice(start + indent, state.eMarks[line]);
}

/** Where the element opened at `openAt` closes in its container: its line and the columns of `</tag>`. */
function findClose(
  state: StateBlock,
  tag: string,
  openAt: number,
  startLine: number,
  endLine: number,
) {
  const close = closingTag(state.env, state.src, tag, openAt);
  if (!close || close.end > state.eMarks[endLine - 1]) return undefined;
  let low = startLine;
  let high = endLine - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (state.bMarks[mid] <= close.start) low = mid;
    else high = mid - 1;
  }
  // A line less indented than the container (a list item's) ends it first
  for (let l = startLine + 1; l <= low; l++) {
    if (!state.isEmpty(l) && state.sCount[l] < state.blkIndent)
      return undefined;
  }
  const column =
    state.bMarks[low] + Math.min(state.tShift[low], state.blkIndent);
  return {
    line: low,
    start: close.start - column,
    end: close.end - column,
  };
}

/** A raw element opened and closed on its line, as one HTML block. */
function rawOneLiner(
  state: StateBlock,
  line: number,
  tag: string,
  text: string,
  silent: boolean,
): boolean {
  let depth = 0;
  for (const found of tagsNamed(text, tag)) {
    if (found.selfClosing) continue;
    depth += found.closing ? -1 : 1;
    if (depth === 0) {
      if (text.slice(found.end).trim()) return false;
      if (!silent) {
        pushHtml(state, line, `${text}\n`);
        state.line = line + 1;
      }
      return true;
    }
  }
  return false;
}

function pushHtml(state: StateBlock, line: number, content: string) {
  const token = state.push('html_block', '', 0);
  token.block = true;
  token.map = [line, line + 1];
  token.content = content;
}

/** How deep Markdown elements are nested on a page, each parsing its content anew. */
const nesting = new WeakMap<object, number>();

/**
 * Python-Markdown's md_in_html: a block-level HTML element with a
 * `markdown` attribute (`markdown`, `"1"`, `"block"`, `"span"`) keeps its
 * tag, without that attribute, and its content is parsed as Markdown:
 * blocks, or inline only for span-level tags (`p`, `li`, `h1`...) and
 * `markdown="span"`. The tags stay raw HTML, which the build sanitizes.
 */
export function mdInHtml(md: MarkdownIt) {
  md.block.ruler.before(
    'html_block',
    'md_in_html',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const start = state.bMarks[startLine] + state.tShift[startLine];
      if (state.src.charCodeAt(start) !== 0x3c /* < */) return false;
      const text = state.src.slice(start, state.eMarks[startLine]);
      const open = OPEN_TAG.exec(text);
      if (!open) return false;
      const tag = open[1].toLowerCase();
      const attr = markdownAttribute(open[2]);
      const blockLevel = BLOCK_TAGS.has(tag) || SPAN_TAGS.has(tag);
      if (!attr && blockLevel && state.parentType === ('md_in_html' as any)) {
        // In a Markdown element, a raw element ends at its closing tag, not
        // at a blank line: `<summary>Title</summary>` then Markdown
        return rawOneLiner(state, startLine, tag, text, silent);
      }
      if (!attr || !blockLevel) return false;
      const { value } = attr;
      let mode: 'block' | 'span';
      if (value === 'block' || value === 'span') mode = value;
      else if (value === '1' || value === 'markdown') {
        mode = BLOCK_TAGS.has(tag) ? 'block' : 'span';
      } else return false;

      const close = findClose(state, tag, start, startLine, endLine);
      if (!close) {
        if (!silent) {
          (state.env as PageEnv).warnings.add(
            startLine,
            `\`<${tag} markdown>\` has no closing \`</${tag}>\`; its content is not parsed as Markdown (md_in_html)`,
          );
        }
        return false;
      }
      if (silent) return true;
      const depth = nesting.get(state.env) ?? 0;
      if (depth >= state.md.options.maxNesting) return false;
      nesting.set(state.env, depth + 1);
      try {
        return renderElement(state, {
          startLine,
          tag,
          attrs: attr.others,
          mode,
          text,
          openLength: open[0].length,
          close,
        });
      } finally {
        nesting.set(state.env, depth);
      }
    },
    { alt: ['paragraph', 'reference', 'blockquote'] },
  );
}

type Element = {
  startLine: number;
  tag: string;
  /** Its attributes as written, without `markdown`. */
  attrs: string;
  mode: 'block' | 'span';
  /** The text of its opening tag's line, from the tag on. */
  text: string;
  openLength: number;
  close: { line: number; start: number; end: number };
};

function renderElement(
  state: StateBlock,
  { startLine, tag, attrs, mode, text, openLength, close }: Element,
): boolean {
  const closeText = lineSource(state, close.line);
  const afterOpen = text.slice(openLength);
  const beforeClose = closeText.slice(0, close.start);
  const alone =
    !afterOpen.trim() &&
    close.line > startLine &&
    !beforeClose.trim() &&
    !closeText.slice(close.end).trim();

  if (mode === 'block' && alone) {
    pushHtml(state, startLine, `<${tag}${attrs}>\n`);
    const saved = [state.parentType, state.lineMax] as const;
    state.parentType = 'md_in_html' as any;
    state.lineMax = close.line;
    state.level++;
    state.md.block.tokenize(state, startLine + 1, close.line);
    state.level--;
    [state.parentType, state.lineMax] = saved;
    pushHtml(state, close.line, `</${tag}>\n`);
    state.line = close.line + 1;
    return true;
  }

  // The content as text: the rest of the open tag's line to `</tag>`
  const offset = lineSource(state, startLine).length - text.length;
  const lines: string[] = [];
  for (let l = startLine; l <= close.line; l++) {
    let line = lineSource(state, l);
    if (l === close.line) line = line.slice(0, close.start);
    if (l === startLine) line = line.slice(offset + openLength);
    lines.push(line);
  }
  const inner = lines.join('\n');
  if (mode === 'span') {
    pushHtml(state, startLine, `<${tag}${attrs}>`);
    const inline = state.push('inline', '', 0);
    inline.content = inner;
    inline.map = [startLine, close.line + 1];
    inline.children = [];
  } else {
    pushHtml(state, startLine, `<${tag}${attrs}>\n`);
    const first = state.tokens.length;
    state.md.block.parse(inner, state.md, state.env, state.tokens);
    for (const token of state.tokens.slice(first)) {
      if (token.map) {
        token.map = [token.map[0] + startLine, token.map[1] + startLine];
      }
    }
  }
  pushHtml(state, close.line, `</${tag}>\n`);
  const rest = closeText.slice(close.end);
  if (rest.trim()) {
    const first = state.tokens.length;
    state.md.block.parse(rest, state.md, state.env, state.tokens);
    for (const token of state.tokens.slice(first)) {
      if (token.map) token.map = [close.line, close.line + 1];
    }
  }
  state.line = close.line + 1;
  return true;
}
