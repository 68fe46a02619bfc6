import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import { KEY_ALIASES, KEY_LABELS } from './keymap';
import { inlineLine, trackInlineLines } from './inlineLines';

/**
 * A quoted key: `"..."` or `'...'`, in which the quote is escaped with a
 * backslash. pymdownx writes it `"(?:\\.|[^"])+"`, where each backslash can
 * be an escape or a character: exponentially many ways to fail on a key that
 * never closes. This accepts the same text (`"a\"` too: a backslash before
 * the closing quote may be literal) with one way to match each character.
 */
const quoted = (q: string) =>
  String.raw`${q}(?=[^${q}])(?:[^${q}\\]|\\+[^\\])*\\*${q}`;

// `++ctrl+alt+del++`: key names or quoted labels joined by `+`.
const KEY = String.raw`(?:[\w-]+|${quoted('"')}|${quoted("'")})`;
const KEYS = new RegExp(String.raw`\+\+((?:${KEY}\+)*?${KEY})\+\+`, 'y');
const KEY_PART = new RegExp(KEY, 'g');

type Key = { name?: string; label: string };
/**
 * pymdownx.keys: `++ctrl+alt+del++` is `span.keys` with a `kbd.key-<name>`
 * per key, labelled as pymdownx labels them (aliases such as `ctrl` and
 * `cmd` included), `"quoted"` keys as written; a name it does not know
 * leaves the text as written, with a warning. Options: `separator`,
 * `strict` (a `kbd` around the keys), `class`, `key_map`.
 */
export function keys(md: MarkdownIt, options: Record<string, unknown> = {}) {
  trackInlineLines(md);
  const separator =
    typeof options.separator === 'string' ? options.separator : '+';
  const wrapper = options.strict === true ? 'kbd' : 'span';
  const className = typeof options.class === 'string' ? options.class : 'keys';
  const keyMap =
    options.key_map && typeof options.key_map === 'object'
      ? new Map(
          Object.entries(options.key_map as Record<string, unknown>).map(
            ([name, label]) => [name, String(label)],
          ),
        )
      : undefined;

  const keyOf = (part: string): Key | undefined => {
    if (part.startsWith('"') || part.startsWith("'")) {
      return { label: part.slice(1, -1).replace(/\\(.)/g, '$1').trim() };
    }
    const name = KEY_ALIASES.get(part) ?? part;
    const label = keyMap?.get(name) ?? KEY_LABELS.get(name);
    return label === undefined ? undefined : { name, label };
  };

  md.inline.ruler.before('emphasis', 'keys', (state: StateInline, silent) => {
    const { pos, src } = state;
    if (src.charCodeAt(pos) !== 0x2b || src.charCodeAt(pos + 1) !== 0x2b) {
      return false;
    }
    KEYS.lastIndex = pos;
    const match = KEYS.exec(src);
    if (!match) return false;
    const parts = match[1].match(KEY_PART) ?? [];
    const found = parts.map(keyOf);
    if (found.some(key => key === undefined)) {
      if (!silent) {
        const unknown = parts.filter((_, i) => !found[i]).join('`, `');
        (state.env as PageEnv).warnings.add(
          inlineLine(state),
          `\`${match[0]}\` (pymdownx.keys): \`${unknown}\` is not a key name; the text stays as written`,
        );
      }
      return false;
    }
    if (!silent) {
      const token = state.push('keys', wrapper, 0);
      token.attrSet('class', className);
      token.meta = { keys: found, separator };
      token.content = (found as Key[]).map(key => key.label).join(separator);
      token.markup = match[0];
    }
    state.pos += match[0].length;
    return true;
  });

  md.renderer.rules.keys = (tokens: Token[], idx: number, _o, _e, self) => {
    const token = tokens[idx];
    const { keys: found, separator: sep } = token.meta as {
      keys: Key[];
      separator: string;
    };
    const escape = md.utils.escapeHtml;
    const inner = found
      .map(
        key =>
          `<kbd${key.name ? ` class="key-${escape(key.name)}"` : ''}>${escape(
            key.label,
          )}</kbd>`,
      )
      .join(sep ? `<span>${escape(sep)}</span>` : '');
    return `<${token.tag}${self.renderAttrs(token)}>${inner}</${token.tag}>`;
  };
}
