import type { MarkdownIt, StateInline } from 'markdown-it';

type Delimiter = StateInline['delimiters'][number];

/**
 * A pair of doubled markers around inline Markdown (`==mark==`, `^^ins^^`),
 * with CommonMark's rules for where a run of markers can open and close (so
 * `a == b` stays as written), as markdown-it's own `~~` is parsed.
 */
function doubledMarker(md: MarkdownIt, char: string, tag: string) {
  const code = char.charCodeAt(0);
  const name = `${tag}_pair`;
  md.inline.ruler.before('emphasis', name, (state: StateInline, silent) => {
    if (silent || state.src.charCodeAt(state.pos) !== code) return false;
    const scanned = state.scanDelims(state.pos, true);
    let length = scanned.length;
    if (length < 2) return false;
    if (length % 2) {
      state.push('text', '', 0).content = char;
      length--;
    }
    for (let i = 0; i < length; i += 2) {
      state.push('text', '', 0).content = char + char;
      state.delimiters.push({
        marker: code,
        length: 0,
        token: state.tokens.length - 1,
        end: -1,
        open: scanned.can_open,
        close: scanned.can_close,
      });
    }
    state.pos += scanned.length;
    return true;
  });

  const pairUp = (state: StateInline, delimiters: Delimiter[]) => {
    for (const start of delimiters) {
      if (start.marker !== code || start.end === -1) continue;
      const end = delimiters[start.end];
      for (const [index, nesting] of [
        [start.token, 1],
        [end.token, -1],
      ] as const) {
        const token = state.tokens[index];
        token.type = nesting === 1 ? `${tag}_open` : `${tag}_close`;
        token.tag = tag;
        token.nesting = nesting;
        token.markup = char + char;
        token.content = '';
      }
    }
  };
  md.inline.ruler2.before('emphasis', name, (state: StateInline) => {
    pairUp(state, state.delimiters);
    for (const meta of state.tokens_meta) {
      if (meta?.delimiters) pairUp(state, meta.delimiters);
    }
    return true;
  });
}

/**
 * A single marker around text with no unescaped space (`^sup^`, `H~2~O`),
 * as pymdownx's caret and tilde read superscripts and subscripts.
 */
function singleMarker(
  md: MarkdownIt,
  char: string,
  tag: string,
  after: string,
) {
  const code = char.charCodeAt(0);
  md.inline.ruler.after(after, tag, (state: StateInline, silent) => {
    const { src, pos, posMax } = state;
    if (src.charCodeAt(pos) !== code || src.charCodeAt(pos + 1) === code) {
      return false;
    }
    let end = pos + 1;
    while (end < posMax && src.charCodeAt(end) !== code) {
      if (/\s/.test(src[end])) return false;
      end += src.charCodeAt(end) === 0x5c ? 2 : 1;
    }
    if (end >= posMax || end === pos + 1) return false;
    if (!silent) {
      state.push(`${tag}_open`, tag, 1).markup = char;
      state.push('text', '', 0).content = src
        .slice(pos + 1, end)
        .replace(/\\(.)/g, '$1');
      state.push(`${tag}_close`, tag, -1).markup = char;
    }
    state.pos = end + 1;
    return true;
  });
}

/** pymdownx.mark: `==mark==`. */
export function mark(md: MarkdownIt) {
  doubledMarker(md, '=', 'mark');
}

/** pymdownx.caret: `^^insert^^` and `^superscript^`. */
export function caret(md: MarkdownIt) {
  doubledMarker(md, '^', 'ins');
  singleMarker(md, '^', 'sup', 'ins_pair');
}

/**
 * pymdownx.tilde: `~~delete~~` (markdown-it's strikethrough, written as
 * `del` as pymdownx writes it) and `~subscript~`.
 */
export function tilde(md: MarkdownIt) {
  md.renderer.rules.s_open = () => '<del>';
  md.renderer.rules.s_close = () => '</del>';
  singleMarker(md, '~', 'sub', 'strikethrough');
}
