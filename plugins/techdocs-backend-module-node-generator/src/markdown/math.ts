import type { MarkdownIt, StateBlock, StateInline, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import { inlineLine, trackInlineLines } from './inlineLines';

type Katex = typeof import('katex');
let katex: Katex | undefined;
const rendered = new Map<string, string | null>();
const CACHE_SIZE = 2000;

// arithmatex's block forms; a block is math only when all of it is one.
const BLOCK =
  /^(?:\$\$((?:\\[\s\S]|[^\\])+?)\$\$|\\\[((?:\\[^\]]|[^\\])+?)\\\]|(\\begin\{([a-z]+\*?)\}(?:\\[\s\S]|[^\\])+?\\end\{\4\}))[ ]*$/;

/**
 * pymdownx.arithmatex, rendered on the server: `$...$` and `\(...\)` inline,
 * and blocks made of `$$...$$`, `\[...\]` or `\begin{env}...\end{env}`,
 * become KaTeX's MathML (no script, font or stylesheet needed), in
 * arithmatex's `span.arithmatex` / `div.arithmatex`. `$` follows arithmatex's
 * smart-dollar rule (no space inside the dollars), so prices stay text.
 * TeX that KaTeX cannot read is shown as code, with a warning.
 */
export function math(md: MarkdownIt, options: Record<string, unknown> = {}) {
  trackInlineLines(md);
  const inlineSyntax = syntaxes(options.inline_syntax, ['dollar', 'round']);
  const blockSyntax = syntaxes(options.block_syntax, [
    'dollar',
    'square',
    'begin',
  ]);
  const smartDollar = options.smart_dollar !== false;

  md.inline.ruler.before(
    'escape',
    'math_inline',
    (state: StateInline, silent) => {
      const found = scanInline(state, inlineSyntax, smartDollar);
      if (!found) return false;
      if (!silent) {
        const token = state.push('math_inline', 'span', 0);
        token.content = found.tex;
        token.markup = found.source;
        token.map = [inlineLine(state) ?? 0, 0];
      }
      state.pos = found.end;
      return true;
    },
  );

  md.block.ruler.before(
    'paragraph',
    'math_block',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const start = state.bMarks[startLine] + state.tShift[startLine];
      const opening = state.src.slice(start, start + 7);
      const opens =
        (blockSyntax.has('dollar') && opening.startsWith('$$')) ||
        (blockSyntax.has('square') && opening.startsWith('\\[')) ||
        (blockSyntax.has('begin') && opening === '\\begin{');
      if (!opens) return false;
      let next = startLine + 1;
      while (next < endLine && !state.isEmpty(next)) next++;
      const block = state
        .getLines(startLine, next, state.blkIndent, false)
        .trim();
      const match = BLOCK.exec(block);
      if (!match) return false;
      const [, dollar, square, env] = match;
      if (
        (dollar !== undefined && !blockSyntax.has('dollar')) ||
        (square !== undefined && !blockSyntax.has('square'))
      ) {
        return false;
      }
      if (silent) return true;
      const token = state.push('math_block', 'div', 0);
      token.block = true;
      token.content = dollar ?? square ?? env;
      token.markup = block;
      token.map = [startLine, next];
      state.line = next;
      return true;
    },
  );

  const render = (token: Token, env: PageEnv, display: boolean) => {
    const html = renderTex(token.content, display);
    if (html === null) {
      env.warnings.add(
        token.map?.[0],
        'math (pymdownx.arithmatex) that KaTeX cannot read is shown as code',
      );
      return `<code>${md.utils.escapeHtml(token.markup)}</code>`;
    }
    const tag = display ? 'div' : 'span';
    return env.trusted.add(`<${tag} class="arithmatex">${html}</${tag}>`);
  };
  md.renderer.rules.math_inline = (tokens, idx, _o, env) =>
    render(tokens[idx], env as PageEnv, false);
  md.renderer.rules.math_block = (tokens, idx, _o, env) =>
    `${render(tokens[idx], env as PageEnv, true)}
`;
}

function syntaxes(value: unknown, defaults: string[]): Set<string> {
  return new Set(
    Array.isArray(value)
      ? value.filter((v): v is string => typeof v === 'string')
      : defaults,
  );
}

type InlineMath = { tex: string; source: string; end: number };

/**
 * Per inline state and opener: the position from which a scan for the
 * closer reached `max` without one. A scan from a later opener of the same
 * kind meets the first scan's path two characters in at most, so it cannot
 * find one either: without this, a paragraph of `\(a` was quadratic.
 */
const unclosed = new WeakMap<
  StateInline,
  Partial<Record<'$' | '(', { from: number; max: number }>>
>();

/** arithmatex's inline math at `pos`: `$tex$` or `\(tex\)`. */
function scanInline(
  state: StateInline,
  syntax: Set<string>,
  smartDollar: boolean,
): InlineMath | undefined {
  const { src, pos, posMax: max } = state;
  const first = src.charCodeAt(pos);
  let kind: '$' | '(';
  if (first === 0x24 && syntax.has('dollar')) kind = '$';
  else if (
    first === 0x5c &&
    src.charCodeAt(pos + 1) === 0x28 &&
    syntax.has('round')
  ) {
    kind = '(';
  } else return undefined;
  if (kind === '$' && smartDollar && /\s/.test(src[pos + 1] ?? ' ')) {
    return undefined;
  }
  let memo = unclosed.get(state);
  const known = memo?.[kind];
  if (known && pos >= known.from && max <= known.max) return undefined;

  const open = kind === '$' ? 1 : 2;
  let i = pos + open;
  while (i < max) {
    const c = src.charCodeAt(i);
    if (kind === '$' && c === 0x24) break;
    if (c === 0x5c) {
      if (kind === '(' && src.charCodeAt(i + 1) === 0x29) break;
      i += 2;
    } else i++;
  }
  if (i >= max) {
    if (!memo) unclosed.set(state, (memo = {}));
    memo[kind] = { from: pos, max };
    return undefined;
  }
  if (i === pos + open) return undefined;
  if (kind === '$' && smartDollar && /\s/.test(src[i - 1])) return undefined;
  const close = kind === '$' ? 1 : 2;
  return {
    tex: src.slice(pos + open, i),
    source: src.slice(pos, i + close),
    end: i + close,
  };
}

/** KaTeX's MathML for `tex`, or null when it is not TeX KaTeX can read. Kept for the page's next use. */
function renderTex(tex: string, display: boolean): string | null {
  const key = `${display ? 'D' : 'I'}${tex}`;
  const cached = rendered.get(key);
  if (cached !== undefined) return cached;
  katex ??= require('katex') as Katex;
  let html: string | null;
  try {
    html = katex
      .renderToString(tex, {
        output: 'mathml',
        displayMode: display,
        throwOnError: true,
        strict: 'ignore',
        trust: false,
        maxSize: 50,
        maxExpand: 1000,
      })
      // The reader's sanitizer (DOMPurify) drops `semantics` and
      // `annotation` but keeps their text: the TeX would show twice.
      .replace(/<annotation\b[\s\S]*?<\/annotation>/g, '')
      .replace(/<\/?semantics>/g, '');
  } catch {
    // KaTeX's ParseError, or any other failure on odd input: never the build's.
    html = null;
  }
  if (rendered.size >= CACHE_SIZE) rendered.clear();
  rendered.set(key, html);
  return html;
}
