import type { MarkdownIt } from 'markdown-it';
import { highlight } from './highlight';
import type { MarkdownExtensions } from './markdownExtensions';
import type { PageEnv } from './pageEnv';
import { escapeAttr, escapeText } from '../output/escape';

/** `` `#!python range()` `` or `` `:::python range()` ``: a language, then code. */
const SHEBANG = /^(?:#!|:{3,})([\w#.+-]*)\s+([\s\S]+)$/;

/**
 * pymdownx.inlinehilite: inline code that starts with `#!lang` (or
 * `:::lang`) is highlighted as `code.language-<lang>.highlight`, as
 * pymdownx.highlight writes it; other inline code stays plain, unless
 * `style_plain_text` asks for the `highlight` class on it too.
 */
export function inlineHilite(md: MarkdownIt, extensions: MarkdownExtensions) {
  const options = extensions.get('pymdownx.inlinehilite') ?? {};
  const highlightOptions = extensions.get('pymdownx.highlight') ?? {};
  const cssClass = String(
    options.css_class || highlightOptions.css_class || 'highlight',
  );
  const langClass = highlightOptions.pygments_lang_class !== false;
  const stylePlain = options.style_plain_text === true;
  const customNames = new Set(
    (Array.isArray(options.custom_inline) ? options.custom_inline : [])
      .map(entry => String(entry?.name ?? ''))
      .filter(Boolean),
  );
  const plain = md.renderer.rules.code_inline!;

  // Inline tokens have no line; warnings name their block's.
  md.core.ruler.push('inlinehilite_lines', state => {
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type === 'code_inline') child.map ??= token.map;
      }
    }
  });

  md.renderer.rules.code_inline = (tokens, idx, opts, pageEnv, self) => {
    const env = pageEnv as PageEnv;
    const token = tokens[idx];
    const m = SHEBANG.exec(token.content);
    if (!m && !stylePlain) return plain(tokens, idx, opts, env, self);
    const [lang, code] = m ? [m[1], m[2].trim()] : ['', token.content];
    if (m && (customNames.has(lang) || customNames.has('*'))) {
      env.warnings.add(
        token.map?.[0],
        `inline code \`#!${lang}\` (a pymdownx.inlinehilite custom_inline) is not rendered; it is shown as plain code`,
      );
      return `<code>${escapeText(code)}</code>`;
    }
    if (!lang && !stylePlain) return `<code>${escapeText(code)}</code>`;
    const highlighted = lang ? highlight(code, lang) : undefined;
    const own = [
      langClass ? `language-${highlighted ? lang : 'text'}` : '',
      cssClass,
    ];
    const attrs = (token.attrs ?? []).filter(([name]) => name !== 'class');
    const cls = [...own, token.attrGet('class') ?? '']
      .filter(Boolean)
      .join(' ');
    const rest = attrs
      .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
      .join('');
    return `<code class="${escapeAttr(cls)}"${rest}>${
      highlighted ?? escapeText(code)
    }</code>`;
  };
}
