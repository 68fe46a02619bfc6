import type { MarkdownIt, StateInline, Token } from 'markdown-it';
import type { PageEnv } from './pageEnv';
import { iconSetOf, iconSvg } from './icons';
import { inlineLine, trackInlineLines } from './inlineLines';
import { escapeText } from '../output/escape';

// Emojibase's shortcode sets, the first naming an emoji winning: JoyPixels'
// (Emojione's, which pymdownx's indexes come from), then GitHub's and the
// others, so that `:man_raising_hand:`, `:+1:` and `:thumbsup:` all resolve.
const SHORTCODE_SETS = ['joypixels', 'github', 'emojibase', 'iamcal'];

let emojiByName: Map<string, string> | undefined;

/** The emoji of a shortcode's name (`smile`), from the full Emojibase set; loaded on first use. */
export function emojiOf(name: string): string | undefined {
  emojiByName ??= loadEmoji();
  return emojiByName.get(name);
}

type CompactEmoji = {
  hexcode: string;
  unicode: string;
  skins?: CompactEmoji[];
};

function loadEmoji(): Map<string, string> {
  const byHexcode = new Map<string, string>();
  const add = (entry: CompactEmoji) => {
    byHexcode.set(entry.hexcode, entry.unicode);
    entry.skins?.forEach(add);
  };
  (require('emojibase-data/en/compact.json') as CompactEmoji[]).forEach(add);
  const byName = new Map<string, string>();
  for (const set of SHORTCODE_SETS) {
    const names = require(`emojibase-data/en/shortcodes/${set}.json`) as Record<
      string,
      string | string[]
    >;
    for (const [hexcode, codes] of Object.entries(names)) {
      const unicode = byHexcode.get(hexcode);
      if (!unicode) continue;
      for (const code of Array.isArray(codes) ? codes : [codes]) {
        if (!byName.has(code)) byName.set(code, unicode);
      }
    }
  }
  return byName;
}

const SHORTCODE = /:([+\-\w]+):/y;

/**
 * pymdownx.emoji with Material's index: `:smile:` is the emoji (its Unicode
 * character, as pymdownx's `to_alt` writes it: no image to download), and
 * `:material-heart:`, `:fontawesome-brands-github:`, `:octicons-mark-24:`,
 * `:simple-github:` are the icon's SVG in a `span.twemoji`, as Material
 * writes them (attr_list may add to the span). Unknown names stay as written,
 * with a warning.
 */
export function emoji(md: MarkdownIt) {
  trackInlineLines(md);
  md.inline.ruler.after('linkify', 'emoji', (state: StateInline, silent) => {
    if (state.src.charCodeAt(state.pos) !== 0x3a) return false;
    SHORTCODE.lastIndex = state.pos;
    const match = SHORTCODE.exec(state.src);
    if (!match) return false;
    const name = match[1];
    const env = state.env as PageEnv;
    const set = iconSetOf(name);
    if (set) {
      const svg = iconSvg(name);
      if (!svg) {
        if (!silent) {
          env.warnings.add(
            inlineLine(state),
            `\`:${name}:\` is not an icon of ${set}; the text stays as written`,
          );
        }
        return false;
      }
      if (!silent) {
        const token = state.push('icon', 'span', 0);
        token.attrSet('class', 'twemoji');
        token.meta = { svg };
        token.markup = match[0];
      }
    } else {
      const unicode = emojiOf(name);
      if (!unicode) {
        if (!silent && /[a-z]/i.test(name)) {
          env.warnings.add(
            inlineLine(state),
            `\`:${name}:\` is not an emoji or icon shortcode; the text stays as written`,
          );
        }
        return false;
      }
      if (!silent) {
        const token = state.push('emoji', '', 0);
        token.content = unicode;
        token.markup = match[0];
      }
    }
    state.pos += match[0].length;
    return true;
  });

  // An emoji is its character; given attr_list attributes, it is wrapped in a
  // span to carry them, as Material's twemoji span would.
  md.renderer.rules.emoji = (tokens: Token[], idx: number, _o, _e, self) => {
    const token = tokens[idx];
    const emojiText = escapeText(token.content);
    return token.attrs
      ? `<span${self.renderAttrs(token)}>${emojiText}</span>`
      : emojiText;
  };
  md.renderer.rules.icon = (tokens, idx, _options, env, self) => {
    const token = tokens[idx];
    return (env as PageEnv).trusted.add(
      `<span${self.renderAttrs(token)}>${
        (token.meta as { svg: string }).svg
      }</span>`,
    );
  };
}
