import type { MarkdownIt, Token } from 'markdown-it';
import footnote from 'markdown-it-footnote';
import { escapeAttr } from '../output/escape';

type FootnoteMeta = { id: number; subId?: number; label?: string };

/**
 * Footnotes (markdown-it-footnote) written as Python-Markdown's footnotes
 * extension writes them: ids from the footnote's label (`fn:note`,
 * `fnref:note`, `fnref2:note` for its second reference), a `div.footnote`
 * with an `hr` and the list, and `&#8617;` links back.
 */
export function footnotes(md: MarkdownIt) {
  md.use(footnote);
  const name = (meta: FootnoteMeta) =>
    escapeAttr(meta.label ?? String(meta.id + 1));
  const refId = (meta: FootnoteMeta) =>
    `fnref${meta.subId ? meta.subId + 1 : ''}:${name(meta)}`;
  const rules = md.renderer.rules;

  rules.footnote_ref = (tokens: Token[], idx: number) => {
    const meta = tokens[idx].meta as FootnoteMeta;
    return `<sup id="${refId(meta)}"><a class="footnote-ref" href="#fn:${name(
      meta,
    )}">${meta.id + 1}</a></sup>`;
  };
  rules.footnote_block_open = () => '<div class="footnote">\n<hr>\n<ol>\n';
  rules.footnote_block_close = () => '</ol>\n</div>\n';
  rules.footnote_open = (tokens: Token[], idx: number) =>
    `<li id="fn:${name(tokens[idx].meta as FootnoteMeta)}">\n`;
  rules.footnote_close = () => '</li>\n';
  rules.footnote_anchor = (tokens: Token[], idx: number) => {
    const meta = tokens[idx].meta as FootnoteMeta;
    return `${
      meta.subId ? '' : '&#160;'
    }<a class="footnote-backref" href="#${refId(
      meta,
    )}" title="Jump back to footnote ${meta.id + 1} in the text">&#8617;</a>`;
  };
}
