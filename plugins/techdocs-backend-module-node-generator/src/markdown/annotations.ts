import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';

/**
 * Material's annotations: a marker `(1)` in a code block's comment, or in the
 * text of a block with the `annotate` class (`!!! note annotate`, a paragraph
 * or list with `{ .annotate }`), refers to an item of the ordered list right
 * after the block. Material turns them into tooltips with JavaScript, which
 * the reader does not run; here the markers become numbered, focusable
 * elements, each note is also shown as a tooltip with CSS alone (see
 * assets/features/annotations.css), and the list stays below the block,
 * numbered the same way, for readers without `:has()`.
 */

/** What a block that has annotations keeps in its `meta.annotations`. */
type Annotated = {
  list: Token;
  /** Each list item's tokens, without its own open and close. */
  notes: Token[][];
  /** The notes that a marker refers to, found while rendering a code block. */
  used: Set<number>;
};

const MARKER = /\((\d+)\)(!)?/g;

/** The ordered list right after tokens[end - 1], at the same level, and its items. */
function notesAfter(tokens: Token[], end: number, level: number) {
  const list = tokens[end];
  if (list?.type !== 'ordered_list_open' || list.level !== level) {
    return undefined;
  }
  const notes: Token[][] = [];
  let item = -1;
  for (let i = end + 1; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.level === level + 1 && t.type === 'list_item_open') item = i;
    else if (t.level === level + 1 && t.type === 'list_item_close') {
      notes.push(tokens.slice(item + 1, i));
    } else if (t.type === 'ordered_list_close' && t.level === level) break;
  }
  return { list, notes };
}

function classes(token: Token): string[] {
  const attr = String(token.attrGet('class') ?? '').split(/\s+/);
  const meta = token.meta?.classes;
  return [...attr, ...(Array.isArray(meta) ? meta.map(String) : [])];
}

function closeOf(tokens: Token[], open: number): number {
  const level = tokens[open].level;
  for (let i = open + 1; i < tokens.length; i++) {
    if (tokens[i].level === level && tokens[i].nesting === -1) return i;
  }
  return tokens.length - 1;
}

function markerHtml(n: number): string {
  return `<span class="md-annotation" tabindex="0"><span class="md-annotation__index"><span data-md-annotation-id="${n}"></span></span></span>`;
}

/** Replaces the markers of one text token's content with marker tokens. */
function splitMarkers(
  state: StateCore,
  text: Token,
  count: number,
  used: Set<number>,
): Token[] {
  const out: Token[] = [];
  let last = 0;
  for (const m of text.content.matchAll(MARKER)) {
    const n = Number(m[1]);
    if (n < 1 || n > count) continue;
    if (m.index > last) {
      const before = new state.Token('text', '', 0);
      before.content = text.content.slice(last, m.index);
      out.push(before);
    }
    const marker = new state.Token('annotation_marker', '', 0);
    marker.meta = { n };
    out.push(marker);
    used.add(n);
    last = m.index + m[0].length;
  }
  if (out.length === 0) return [text];
  if (last < text.content.length) {
    const after = new state.Token('text', '', 0);
    after.content = text.content.slice(last);
    out.push(after);
  }
  return out;
}

function annotateProse(state: StateCore) {
  const { tokens } = state;
  const inserts: Array<[number, Token]> = [];
  for (let i = 0; i < tokens.length; i++) {
    const open = tokens[i];
    if (open.type === 'fence') {
      const found = notesAfter(tokens, i + 1, open.level);
      if (found) {
        open.meta = {
          ...open.meta,
          annotations: { ...found, used: new Set() } satisfies Annotated,
        };
      }
      continue;
    }
    if (open.nesting !== 1 || !classes(open).includes('annotate')) continue;
    const close = closeOf(tokens, i);
    const found = notesAfter(tokens, close + 1, open.level);
    if (!found) continue;
    const used = new Set<number>();
    for (let j = i + 1; j < close; j++) {
      const children = tokens[j].type === 'inline' ? tokens[j].children : null;
      if (!children) continue;
      tokens[j].children = children.flatMap(child =>
        child.type === 'text'
          ? splitMarkers(state, child, found.notes.length, used)
          : [child],
      );
    }
    if (used.size === 0) continue;
    found.list.attrJoin('class', 'md-annotation-list');
    const tooltips = new state.Token('annotation_tooltips', '', 0);
    tooltips.block = true;
    tooltips.meta = { annotations: { ...found, used } satisfies Annotated };
    inserts.push([close + 1, tooltips]);
  }
  for (const [at, token] of inserts.reverse()) tokens.splice(at, 0, token);
}

/**
 * Puts markers in a code block's highlighted lines: a `(1)` in a comment
 * whose note exists; `(1)!` replaces the whole comment text with the marker,
 * as Material does. Records the notes used, and marks the list as notes.
 */
export function annotateCodeLines(
  lines: string[],
  fence: Token,
  env: PageEnv,
): string[] {
  const annotated = fence.meta?.annotations as Annotated | undefined;
  if (!annotated) return lines;
  const count = annotated.notes.length;
  const result = lines.map(line => {
    const comments: boolean[] = [];
    return line.replace(/<span[^>]*>|<\/span>|[^<]+/g, piece => {
      if (piece.startsWith('<span')) {
        comments.push(piece.includes('hljs-comment') || comments.some(Boolean));
        return piece;
      }
      if (piece === '</span>') {
        comments.pop();
        return piece;
      }
      if (!comments[comments.length - 1]) return piece;
      let whole: number | undefined;
      const replaced = piece.replace(MARKER, (match, id: string, force) => {
        const n = Number(id);
        if (whole !== undefined || n < 1 || n > count) return match;
        annotated.used.add(n);
        if (force) whole = n;
        return env.trusted.add(markerHtml(n));
      });
      return whole === undefined
        ? replaced
        : env.trusted.add(markerHtml(whole));
    });
  });
  if (annotated.used.size > 0) {
    annotated.list.attrJoin('class', 'md-annotation-list');
  }
  return result;
}

/**
 * The tooltips of a block's used notes, after the block: each note rendered
 * again (without ids, which the list below keeps) in a `div.md-tooltip`.
 */
export function renderAnnotationTooltips(
  host: Token,
  md: MarkdownIt,
  env: PageEnv,
): string {
  const annotated = host.meta?.annotations as Annotated | undefined;
  if (!annotated || annotated.used.size === 0) return '';
  const tips = [...annotated.used]
    .sort((a, b) => a - b)
    .map(n => {
      const note = md.renderer
        .render(annotated.notes[n - 1], md.options, env)
        .replace(/ id="[^"]*"/g, '');
      // Open and close both trusted: the sanitizer drops a close tag whose
      // open tag it does not see.
      return `${env.trusted.add(
        `<div class="md-tooltip" role="tooltip" data-md-annotation-id="${n}">`,
      )}<div class="md-tooltip__inner md-typeset">${note}</div>${env.trusted.add(
        '</div>',
      )}`;
    })
    .join('');
  return `<div class="md-annotation-tooltips">${tips}</div>\n`;
}

/** The core rule and render rules of annotations; fences.ts renders code's. */
export function annotations(md: MarkdownIt) {
  md.core.ruler.push('annotations', annotateProse);
  md.renderer.rules.annotation_marker = (tokens, idx, _options, env) =>
    (env as PageEnv).trusted.add(markerHtml(Number(tokens[idx].meta?.n)));
  md.renderer.rules.annotation_tooltips = (tokens, idx, _options, env) =>
    renderAnnotationTooltips(tokens[idx], md, env as PageEnv);
}
