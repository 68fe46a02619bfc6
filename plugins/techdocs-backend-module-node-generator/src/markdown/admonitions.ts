import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import { openTag } from './blocks/htmlTag';

/** An admonition (`div`) or a details block (`details`), as pushAdmonitionOpen pushes it. */
export type AdmonitionSpec = {
  tag: 'div' | 'details';
  /** Classes after `admonition` (for a div) or alone (details): `['note', 'inline', 'end']`. */
  classes: string[];
  /** The title, inline Markdown; undefined for none. */
  title?: string;
  open?: boolean;
  /** More attributes from the author (pymdownx.blocks' `attrs`), `class` merged in. */
  attrs?: Record<string, string>;
};

// Python-Markdown's admonition: `!!! type more classes "Title"`, the space
// after `!!!` optional; pymdownx.details also takes a title without a type.
const ADMONITION = /^!!! ?([\w-]+(?: +[\w-]+)*)(?: +"(.*?)")? *$/;
const DETAILS =
  /^\?\?\?(\+)? ?(?:([\w-]+(?: +[\w-]+)*?)?(?: +"(.*?)")|([\w-]+(?: +[\w-]+)*?)) *$/;

/** The spec of an `!!!` or `???` opener line, or undefined when it is not one. */
export function parseOpener(line: string): AdmonitionSpec | undefined {
  let match = ADMONITION.exec(line);
  if (match) {
    const classes = match[1].toLowerCase().split(/ +/);
    const title = match[2];
    return {
      tag: 'div',
      classes,
      title: title === undefined ? capitalize(classes[0]) : title || undefined,
    };
  }
  match = DETAILS.exec(line);
  if (!match) return undefined;
  const [, open, classesBeforeTitle, title, classesOnly] = match;
  const classes = (classesOnly ?? classesBeforeTitle ?? '')
    .toLowerCase()
    .split(/ +/)
    .filter(Boolean);
  return {
    tag: 'details',
    classes,
    // A details block always has a summary, empty when the title is ""
    title: classesOnly ? capitalize(classes[0]) : title,
    open: open === '+',
  };
}

export function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1).toLowerCase();
}

/**
 * Pushes an admonition's opening tokens (its element and title); the caller
 * tokenizes the body, then calls the function returned, which closes it. An
 * opener with author attributes other than class and id is pushed as raw
 * HTML, which the build sanitizes.
 */
export function pushAdmonitionOpen(
  state: StateBlock,
  spec: AdmonitionSpec,
  line: number,
) {
  const classes =
    spec.tag === 'div' ? ['admonition', ...spec.classes] : spec.classes;
  const attrs: Record<string, string> = { ...spec.attrs };
  const allClasses = [...classes, ...(attrs.class?.split(/\s+/) ?? [])]
    .filter(Boolean)
    .join(' ');
  delete attrs.class;
  const ordered: Record<string, string> = {
    ...(allClasses ? { class: allClasses } : {}),
    ...attrs,
  };
  const raw = Object.keys(attrs).some(name => name !== 'id');
  const tagHtml = openTag(spec.tag, ordered, spec.open ? ['open'] : []);
  const open = raw
    ? state.push('html_block', '', 0)
    : state.push('admonition_open', spec.tag, 1);
  open.block = true;
  open.map = [line, line + 1];
  if (raw) open.content = `${tagHtml}\n`;
  else open.meta = { html: tagHtml };
  if (spec.title !== undefined) {
    const titleTag = spec.tag === 'div' ? 'p' : 'summary';
    state.push('admonition_title_open', titleTag, 1);
    const inline = state.push('inline', '', 0);
    inline.content = spec.title;
    inline.map = [line, line + 1];
    inline.children = [];
    state.push('admonition_title_close', titleTag, -1);
  }
  return () => {
    const close = raw
      ? state.push('html_block', '', 0)
      : state.push('admonition_close', spec.tag, -1);
    close.block = true;
    if (raw) close.content = `</${spec.tag}>\n`;
  };
}

/**
 * Python-Markdown admonitions (`!!! note "Title"`, with more classes after
 * the type: `!!! note annotate`, `!!! info inline end`; `""` for no title)
 * and pymdownx.details (`??? note`, `???+ note` open, `??? "Title"`), with
 * their indented body as Markdown, nested to any depth. Rendered as MkDocs
 * Material renders them, which the TechDocs reader styles.
 */
export function admonitions(md: MarkdownIt) {
  md.block.ruler.before(
    'fence',
    'admonition',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const start = state.bMarks[startLine] + state.tShift[startLine];
      const first = state.src.charCodeAt(start);
      if (first !== 0x21 /* ! */ && first !== 0x3f /* ? */) return false;
      const spec = parseOpener(state.src.slice(start, state.eMarks[startLine]));
      if (!spec) return false;
      if (silent) return true;

      const bodyIndent = state.blkIndent + 4;
      let next = startLine + 1;
      while (
        next < endLine &&
        (state.isEmpty(next) || state.sCount[next] >= bodyIndent)
      ) {
        next++;
      }
      let end = next;
      while (end > startLine + 1 && state.isEmpty(end - 1)) end--;

      const close = pushAdmonitionOpen(state, spec, startLine);
      const saved = [state.parentType, state.lineMax, state.blkIndent] as const;
      state.parentType = 'admonition' as any;
      state.lineMax = end;
      state.blkIndent = bodyIndent;
      state.md.block.tokenize(state, startLine + 1, end);
      [state.parentType, state.lineMax, state.blkIndent] = saved;

      close();
      state.line = next;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );

  addAdmonitionRenderRules(md);
}

/** The render rules of pushAdmonitionOpen's tokens. */
export function addAdmonitionRenderRules(md: MarkdownIt) {
  md.renderer.rules.admonition_open = (tokens: Token[], idx: number) =>
    `${(tokens[idx].meta as { html: string }).html}\n`;
  md.renderer.rules.admonition_title_open = (tokens: Token[], idx: number) =>
    tokens[idx].tag === 'p' ? '<p class="admonition-title">' : '<summary>';
  md.renderer.rules.admonition_title_close = (tokens: Token[], idx: number) =>
    `</${tokens[idx].tag}>\n`;
  md.renderer.rules.admonition_close = (tokens: Token[], idx: number) =>
    `</${tokens[idx].tag}>\n`;
}
