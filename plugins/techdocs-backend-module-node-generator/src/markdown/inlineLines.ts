import type { MarkdownIt, StateCore, StateInline } from 'markdown-it';

const lines = new WeakMap<object, number | undefined>();

/**
 * markdown-it's inline rules do not see the line they parse; this replaces
 * its core `inline` rule with one that records, for each page, the first
 * line of the block being parsed, which `inlineLine` gives to inline rules
 * for their warnings. Using it more than once is harmless.
 */
export function trackInlineLines(md: MarkdownIt) {
  md.core.ruler.at('inline', (state: StateCore) => {
    for (const token of state.tokens) {
      if (token.type !== 'inline') continue;
      lines.set(state.env, token.map?.[0]);
      state.md.inline.parse(
        token.content,
        state.md,
        state.env,
        token.children!,
      );
    }
  });
}

/** The first line of the block an inline rule is parsing (markdown-it's, 0-based). */
export function inlineLine(state: StateInline): number | undefined {
  return lines.get(state.env);
}
