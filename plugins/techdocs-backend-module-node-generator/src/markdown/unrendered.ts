import type { MarkdownIt, StateCore, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';

const MKDOCSTRINGS = /^:::[ \t]+[A-Za-z_][\w.:-]*/;

const MESSAGES = {
  macro:
    '`{{ ... }}` (mkdocs-macros / Jinja) is not rendered; the text stays as written',
  jinjaTag:
    '`{% ... %}` (mkdocs-macros / Jinja) is not rendered; the text stays as written',
  mkdocstrings:
    '`::: identifier` (mkdocstrings) is not rendered; the text stays as written',
};

/**
 * Syntax of MkDocs plugins that run code at build time, which this
 * generator never does: mkdocs-macros' Jinja (`{{ ... }}`, `{% ... %}`) and
 * mkdocstrings' `::: identifier`. Their text stays as written, and each is
 * named once per page in the build log, with its first line. Text in code
 * is not looked at: it is shown as code in MkDocs too.
 */
export function unrendered(md: MarkdownIt) {
  md.core.ruler.push('unrendered_plugins', (state: StateCore) => {
    const env = state.env as PageEnv | undefined;
    if (!env?.warnings) return;
    let line: number | undefined;
    for (const token of state.tokens) {
      if (token.map) line = token.map[0];
      if (token.type === 'inline') checkInline(token, line, env);
    }
  });
}

function checkInline(token: Token, line: number | undefined, env: PageEnv) {
  const text = (token.children ?? [])
    .filter(child => child.type === 'text' || child.type === 'softbreak')
    .map(child => (child.type === 'softbreak' ? '\n' : child.content))
    .join('');
  if (closedAfter(text, '{{', '}}')) env.warnings.add(line, MESSAGES.macro);
  if (closedAfter(text, '{%', '%}')) env.warnings.add(line, MESSAGES.jinjaTag);
  if (token.content.startsWith(':::') && MKDOCSTRINGS.test(token.content)) {
    env.warnings.add(line, MESSAGES.mkdocstrings);
  }
}

/**
 * Whether `close` follows an `open` in `text`. With indexOf: a regex such
 * as `\{\{[\s\S]*?\}\}` retries from each `{{` to the end of the paragraph.
 */
function closedAfter(text: string, open: string, close: string): boolean {
  const at = text.indexOf(open);
  return at >= 0 && text.indexOf(close, at + open.length) >= 0;
}
