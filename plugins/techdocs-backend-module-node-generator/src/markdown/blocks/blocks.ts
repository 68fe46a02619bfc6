import type { MarkdownIt, StateBlock } from 'markdown-it';
import type { MarkdownExtensions } from '../markdownExtensions';
import type { PageEnv } from '../pageEnv';
import {
  addAdmonitionRenderRules,
  capitalize,
  pushAdmonitionOpen,
} from '../admonitions';
import { addTabRenderRules, pushTabSet, Tab } from '../tabbed';
import { BlockKind, blockNames, BlockNames } from './blockNames';
import { BlockOptions, parseBlockOptions } from './blockOptions';
import { parseHtmlSelector, SelectedElement } from './htmlSelector';
import {
  blockBody,
  blockHeader,
  blockOptionLines,
  ScannedBlock,
} from './scanBlock';
import { openTag } from './htmlTag';

type Resolved = {
  block: ScannedBlock;
  kind: BlockKind;
  options: BlockOptions;
  element?: SelectedElement;
};

// pymdownx.blocks' element classes (from Python-Markdown's block-level tags)
const SPAN_TAGS = new Set(
  'address dd dt h1 h2 h3 h4 h5 h6 legend li p summary td th'.split(' '),
);
const RAW_TAGS = new Set(
  'canvas math option pre script style textarea code'.split(' '),
);
const BLOCK_LEVEL_TAGS = new Set(
  (
    'address article aside blockquote details div dl fieldset figcaption ' +
    'figure footer form header hgroup hr main menu nav ol p pre section ' +
    'table ul canvas colgroup dd body dt group html iframe li legend math ' +
    'map noscript output object option progress script style summary ' +
    'tbody td textarea tfoot th thead tr video h1 h2 h3 h4 h5 h6'
  ).split(' '),
);

/** Lines already warned about: block rules also run to test paragraph ends. */
const warnedLines = new WeakMap<object, Set<number>>();

function warnOnce(state: StateBlock, line: number, message: string) {
  const env = state.env as PageEnv;
  let lines = warnedLines.get(env);
  if (!lines) warnedLines.set(env, (lines = new Set()));
  if (lines.has(line)) return;
  lines.add(line);
  env.warnings.add(line, message);
}

/**
 * The block on `line`, validated, or why it stays text. Its body is scanned
 * last, once it is known to be rendered.
 */
function resolve(
  state: StateBlock,
  line: number,
  endLine: number,
  names: BlockNames,
): Resolved | string {
  const header = blockHeader(state, line)!;
  const name = header.name.toLowerCase();
  const kind = names.rendered.get(name);
  if (!kind) return names.whyNot(name);
  const notRendered = (reason: string) =>
    `\`/// ${name}\` is not rendered: ${reason}; the text stays as written`;
  if ((kind.kind === 'tab' || kind.kind === 'html') && !header.argument) {
    return notRendered(
      kind.kind === 'tab'
        ? 'it needs a title after `|`'
        : 'it needs a tag after `|`',
    );
  }
  const { yaml, bodyStart } = blockOptionLines(state, line, endLine);
  const options = parseBlockOptions(yaml, kind);
  if (typeof options === 'string') return notRendered(options);
  let element: SelectedElement | undefined;
  if (kind.kind === 'html') {
    element = parseHtmlSelector(header.argument!);
    if (!element) {
      return notRendered(
        `\`${header.argument}\` is not a tag with classes, id and attributes`,
      );
    }
  }
  const block: ScannedBlock = {
    name,
    argument: header.argument,
    yaml,
    bodyStart,
    ...blockBody(state, header, bodyStart, endLine),
  };
  return { block, kind, options, element };
}

function tokenizeBody(state: StateBlock, block: ScannedBlock) {
  const saved = [state.parentType, state.lineMax] as const;
  state.parentType = 'blocks' as any;
  state.lineMax = block.bodyEnd;
  // A level deeper, so that markdown-it's maxNesting bounds nested blocks
  state.level++;
  state.md.block.tokenize(state, block.bodyStart, block.bodyEnd);
  state.level--;
  [state.parentType, state.lineMax] = saved;
}

function pushHtml(state: StateBlock, line: number, content: string) {
  const token = state.push('html_block', '', 0);
  token.block = true;
  token.map = [line, line + 1];
  token.content = content;
}

/** The body's source lines without the indent they share (at most four spaces). */
function rawBody(state: StateBlock, block: ScannedBlock): string {
  const lines: string[] = [];
  for (let l = block.bodyStart; l < block.bodyEnd; l++) {
    lines.push(state.src.slice(state.bMarks[l], state.eMarks[l]));
  }
  let first = 0;
  let end = lines.length;
  while (first < end && !lines[first].trim()) first++;
  while (end > first && !lines[end - 1].trim()) end--;
  let indent = 4;
  for (let i = first; i < end; i++) {
    const line = lines[i];
    if (line.trim()) {
      indent = Math.min(indent, line.length - line.trimStart().length);
    }
  }
  return lines
    .slice(first, end)
    .map(l => l.slice(indent))
    .join('\n');
}

function pushHtmlBlock(state: StateBlock, line: number, resolved: Resolved) {
  const { block, options } = resolved;
  const { tag, attrs } = resolved.element!;
  const { class: moreClasses, ...moreAttrs } = options.attrs;
  const element = openTag(tag, {
    ...attrs,
    ...moreAttrs,
    ...(attrs.class || moreClasses
      ? { class: [attrs.class, moreClasses].filter(Boolean).join(' ') }
      : {}),
  });
  let mode = options.markdown ?? 'auto';
  if (mode === 'auto') {
    if (RAW_TAGS.has(tag)) mode = 'raw';
    else if (BLOCK_LEVEL_TAGS.has(tag) && !SPAN_TAGS.has(tag)) mode = 'block';
    else mode = 'inline';
  }
  if (mode === 'raw' || mode === 'html') {
    const body = rawBody(state, block);
    pushHtml(
      state,
      line,
      `${element}${
        mode === 'raw' ? state.md.utils.escapeHtml(body) : body
      }</${tag}>\n`,
    );
  } else if (mode === 'inline') {
    pushHtml(state, line, element);
    const inline = state.push('inline', '', 0);
    inline.content = rawBody(state, block).trim();
    inline.map = [block.bodyStart, block.bodyEnd];
    inline.children = [];
    pushHtml(state, line, `</${tag}>\n`);
  } else {
    pushHtml(state, line, `${element}\n`);
    tokenizeBody(state, block);
    pushHtml(state, line, `</${tag}>\n`);
  }
}

function pushAdmonitionBlock(
  state: StateBlock,
  line: number,
  { block, kind, options }: Resolved,
) {
  if (kind.kind !== 'admonition' && kind.kind !== 'details') return;
  const type = kind.type ?? options.type;
  let title: string | undefined;
  if (block.argument === undefined) {
    title = kind.title ?? (type ? capitalize(type) : undefined);
  } else {
    title = block.argument || undefined;
  }
  const close = pushAdmonitionOpen(
    state,
    {
      tag: kind.kind === 'admonition' ? 'div' : 'details',
      classes:
        type && !(kind.kind === 'admonition' && type === 'admonition')
          ? [type]
          : [],
      title,
      open: options.open,
      attrs: options.attrs,
    },
    line,
  );
  tokenizeBody(state, block);
  close();
}

/** Consecutive `/// tab` blocks from `first`: one set, until a `new: true`. */
function pushTabBlocks(
  state: StateBlock,
  startLine: number,
  endLine: number,
  first: Resolved,
  names: BlockNames,
): number {
  const tabs: Tab[] = [];
  const attrs: Record<string, string> = {};
  let current: Resolved | string = first;
  let at = startLine;
  let after = startLine;
  while (typeof current !== 'string') {
    const { block, options } = current;
    if (tabs.length > 0 && options.new) break;
    const { class: cls, ...rest } = options.attrs;
    Object.assign(attrs, rest);
    if (cls) attrs.class = [attrs.class, cls].filter(Boolean).join(' ');
    tabs.push({
      title: block.argument!,
      line: at,
      select: options.select ?? false,
      tokenizeBody: s => tokenizeBody(s, block),
    });
    let next = block.next;
    while (next < endLine && state.isEmpty(next)) next++;
    after = next;
    const header = next < endLine ? blockHeader(state, next) : undefined;
    if (header?.name.toLowerCase() !== 'tab') break;
    current = resolve(state, next, endLine, names);
    at = next;
  }
  pushTabSet(state, tabs, attrs);
  return after;
}

/**
 * pymdownx.blocks' fenced blocks (`/// note | Title` ... `///`, more slashes
 * to nest), with their YAML options indented under the header: admonitions,
 * details, tabs and HTML elements, each only when mkdocs.yml lists its
 * extension. Any other block, or one pymdownx would refuse (unknown option,
 * missing title), stays text with a warning naming it.
 */
export function blocks(md: MarkdownIt, extensions: MarkdownExtensions) {
  const names = blockNames(extensions);
  md.block.ruler.before(
    'fence',
    'blocks',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      if (!blockHeader(state, startLine)) return false;
      const resolved = resolve(state, startLine, endLine, names);
      if (typeof resolved === 'string') {
        warnOnce(state, startLine, resolved);
        return false;
      }
      if (silent) return true;
      let next = resolved.block.next;
      if (resolved.kind.kind === 'tab') {
        next = pushTabBlocks(state, startLine, endLine, resolved, names);
      } else if (resolved.kind.kind === 'html') {
        pushHtmlBlock(state, startLine, resolved);
      } else {
        pushAdmonitionBlock(state, startLine, resolved);
      }
      state.line = next;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );
  addTabRenderRules(md);
  addAdmonitionRenderRules(md);
}
