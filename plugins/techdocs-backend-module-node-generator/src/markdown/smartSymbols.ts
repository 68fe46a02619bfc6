import type { MarkdownIt, StateCore, Token } from 'markdown-it';

const SYMBOLS: Record<string, string> = {
  '(tm)': '\u2122',
  '(c)': '\u00a9',
  '(r)': '\u00ae',
  'c/o': '\u2105',
  '+/-': '\u00b1',
  '=/=': '\u2260',
  '-->': '\u2192',
  '<--': '\u2190',
  '<-->': '\u2194',
  '1/4': '\u00bc',
  '1/2': '\u00bd',
  '3/4': '\u00be',
  '1/3': '\u2153',
  '2/3': '\u2154',
  '1/5': '\u2155',
  '2/5': '\u2156',
  '3/5': '\u2157',
  '4/5': '\u2158',
  '1/6': '\u2159',
  '5/6': '\u215a',
  '1/8': '\u215b',
  '3/8': '\u215c',
  '5/8': '\u215d',
  '7/8': '\u215e',
};

// pymdownx.smartsymbols' patterns: symbols, arrows (not inside a longer run
// of dashes), fractions (not inside a longer number) and ordinals (`1st`,
// `11th`, `22nd`), whose suffix is written as a superscript.
const SMART =
  /\(tm\)|\(c\)|\(r\)|\bc\/o\b|\+\/-|=\/=|<-->|(?<!-)-->|<--(?!-)|(?<!\d)(?:1\/[2-68]|[23]\/3|[2-4]\/5|5\/6|[357]\/8|3\/4)(?!\d)|\b((?:[1-9][0-9]*)?(?:(?<=1)[123]th|1st|2nd|3rd|[04-9]th))\b/g;

/**
 * pymdownx.smartsymbols: `(c)`, `(tm)`, `(r)`, `c/o`, `+/-`, `=/=`, arrows,
 * fractions and ordinal numbers, in text (not in code, nor in a link that
 * shows its URL).
 */
export function smartSymbols(md: MarkdownIt) {
  md.core.ruler.after('linkify', 'smart_symbols', (state: StateCore) => {
    for (const block of state.tokens) {
      if (block.type !== 'inline' || !block.children) continue;
      if (!/[(c+=<\-/\d]/.test(block.content)) continue;
      block.children = replaceIn(block.children, state);
    }
  });
}

function replaceIn(children: Token[], state: StateCore): Token[] {
  const out: Token[] = [];
  let inUrlLink = 0;
  for (const token of children) {
    if (token.type === 'link_open' && token.info === 'auto') inUrlLink++;
    if (token.type === 'link_close' && token.info === 'auto') inUrlLink--;
    if (token.type !== 'text' || inUrlLink > 0) {
      out.push(token);
      continue;
    }
    const text = token.content;
    let last = 0;
    for (const match of text.matchAll(SMART)) {
      const plain = text.slice(last, match.index);
      const ordinal = match[1];
      if (ordinal) {
        out.push(textToken(state, plain + ordinal.slice(0, -2), token.level));
        out.push(
          Object.assign(new state.Token('sup_open', 'sup', 1), {
            level: token.level,
          }),
        );
        out.push(textToken(state, ordinal.slice(-2), token.level + 1));
        out.push(
          Object.assign(new state.Token('sup_close', 'sup', -1), {
            level: token.level,
          }),
        );
      } else {
        out.push(textToken(state, plain + SYMBOLS[match[0]], token.level));
      }
      last = match.index + match[0].length;
    }
    if (last === 0) out.push(token);
    else if (last < text.length)
      out.push(textToken(state, text.slice(last), token.level));
  }
  return out;
}

function textToken(state: StateCore, content: string, level: number): Token {
  return Object.assign(new state.Token('text', '', 0), { content, level });
}
