import type { MarkdownIt, StateBlock, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import { openTag } from './blocks/htmlTag';

/** One tab of a set, as the syntax that wrote it found it. */
export type Tab = {
  /** Inline Markdown. */
  title: string;
  /** The line of its header. */
  line: number;
  /** Whether it is the selected tab (`===+`, `select: true`). */
  select: boolean;
  /** Tokenizes the tab's body into `state`. */
  tokenizeBody: (state: StateBlock) => void;
};

/** What pushTabSet's tokens carry to their render rules. */
type TabTokenMeta = { html: string; raw?: boolean };

/** Tab sets of a page, numbered in order: `__tabbed_<set>_<tab>` ids stay unique. */
const tabSetCounts = new WeakMap<object, number>();

function nextTabSet(env: object): number {
  const count = (tabSetCounts.get(env) ?? 0) + 1;
  tabSetCounts.set(env, count);
  return count;
}

/**
 * Pushes a tab set in pymdownx.tabbed's alternate style, the only one
 * Material styles: the radio inputs, the labels, then a block per tab. The
 * inputs and labels are the generator's markup (the sanitizer would strip
 * their `name`, `id` and `for`); `attrs` are the author's (pymdownx.blocks'
 * `attrs`), pushed as raw HTML for the sanitizer when they are more than a
 * class and an id.
 */
export function pushTabSet(
  state: StateBlock,
  tabs: Tab[],
  attrs: Record<string, string> = {},
) {
  const set = nextTabSet(state.env);
  const selected = tabs.map(t => t.select).lastIndexOf(true);
  const checked = selected < 0 ? 0 : selected;
  const inputs = tabs
    .map(
      (_, i) =>
        `<input${
          i === checked ? ' checked="checked"' : ''
        } id="__tabbed_${set}_${i + 1}" name="__tabbed_${set}" type="radio" />`,
    )
    .join('');
  const { class: moreClasses, ...others } = attrs;
  const divAttrs = {
    class: ['tabbed-set tabbed-alternate', moreClasses]
      .filter(Boolean)
      .join(' '),
    ...others,
    'data-tabs': `${set}:${tabs.length}`,
  };
  const raw = Object.keys(others).some(name => name !== 'id');
  const div = openTag('div', divAttrs);
  const line = tabs[0].line;
  if (raw) {
    const open = state.push('html_block', '', 0);
    open.content = div;
    open.map = [line, line + 1];
  }
  const open = state.push('tabbed_set_open', 'div', 1);
  open.block = true;
  open.map = [line, line + 1];
  open.meta = {
    html: `${raw ? '' : div}${inputs}<div class="tabbed-labels">`,
  };
  tabs.forEach((tab, i) => {
    state.push('tabbed_label_open', 'label', 1).meta = {
      html: `<label for="__tabbed_${set}_${i + 1}">`,
    };
    const title = state.push('inline', '', 0);
    title.content = tab.title;
    title.map = [tab.line, tab.line + 1];
    title.children = [];
    state.push('tabbed_label_close', 'label', -1);
  });
  state.push('tabbed_labels_close', 'div', 0).block = true;
  for (const tab of tabs) {
    state.push('tabbed_block_open', 'div', 1).block = true;
    tab.tokenizeBody(state);
    state.push('tabbed_block_close', 'div', -1).block = true;
  }
  const close = state.push('tabbed_set_close', 'div', -1);
  close.block = true;
  close.meta = { raw };
}

// `=== "Title"`, `===+` selected, `===!` a new set, `===!+` both
const HEADER = /^===(\+!?|!\+?)? +"(.*?)" *$/;

/**
 * pymdownx.tabbed content tabs: consecutive `=== "Title"` headers, each with
 * an indented body, make one set; `===!` starts a new one and `===+` selects
 * its tab.
 */
export function tabbed(md: MarkdownIt) {
  md.block.ruler.before(
    'fence',
    'tabbed',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      const header = (line: number) => {
        // Indented lines are code, or a paragraph's: those rules come first
        const start = state.bMarks[line] + state.tShift[line];
        if (state.src.charCodeAt(start) !== 0x3d /* = */) return undefined;
        return HEADER.exec(state.src.slice(start, state.eMarks[line]));
      };
      if (!header(startLine)) return false;
      if (silent) return true;

      const bodyIndent = state.blkIndent + 4;
      const tabs: Tab[] = [];
      let line = startLine;
      for (;;) {
        const match = line < endLine ? header(line) : null;
        if (!match || (tabs.length > 0 && match[1]?.includes('!'))) break;
        let next = line + 1;
        while (
          next < endLine &&
          (state.isEmpty(next) || state.sCount[next] >= bodyIndent)
        ) {
          next++;
        }
        let end = next;
        while (end > line + 1 && state.isEmpty(end - 1)) end--;
        const bodyStart = line + 1;
        tabs.push({
          title: match[2],
          line,
          select: match[1]?.includes('+') ?? false,
          tokenizeBody: s => {
            const saved = [s.parentType, s.lineMax, s.blkIndent] as const;
            s.parentType = 'tabbed' as any;
            s.lineMax = end;
            s.blkIndent = bodyIndent;
            s.md.block.tokenize(s, bodyStart, end);
            [s.parentType, s.lineMax, s.blkIndent] = saved;
          },
        });
        line = next;
      }
      pushTabSet(state, tabs);
      state.line = line;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
  addTabRenderRules(md);
}

/**
 * The render rules of pushTabSet's tokens (added once per renderer). A tag
 * whose match is the generator's own markup is trusted too: the sanitizer
 * would drop a closing tag whose opening it does not see.
 */
export function addTabRenderRules(md: MarkdownIt) {
  const rules = md.renderer.rules;
  if (rules.tabbed_set_open) return;
  const trusted =
    (html: (meta: TabTokenMeta) => string) =>
    (tokens: Token[], idx: number, _o: unknown, env: unknown) =>
      (env as PageEnv).trusted.add(html(tokens[idx].meta as TabTokenMeta));
  rules.tabbed_set_open = trusted(meta => meta.html);
  rules.tabbed_label_open = trusted(meta => meta.html);
  rules.tabbed_label_close = trusted(() => '</label>');
  rules.tabbed_labels_close = trusted(
    () => '</div>\n<div class="tabbed-content">\n',
  );
  rules.tabbed_block_open = () => '<div class="tabbed-block">\n';
  rules.tabbed_block_close = () => '</div>\n';
  // The set's own </div> is plain when its opening tag was raw HTML
  rules.tabbed_set_close = (tokens, idx, _o, env) => {
    const { trusted: fragments } = env as PageEnv;
    const { raw } = tokens[idx].meta as TabTokenMeta;
    return `${fragments.add('</div>\n')}${
      raw ? '</div>\n' : fragments.add('</div>\n')
    }`;
  };
}
