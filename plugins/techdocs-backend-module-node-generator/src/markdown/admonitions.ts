import type { MarkdownIt, StateBlock, Token } from 'markdown-it';

type AdmonitionMeta = { marker: string; type: string; title: string };

const OPENER = /^(!!!|\?\?\?\+?)\s+([\w-]+)(?:\s+"([^"]*)")?\s*$/;

/**
 * Python-Markdown admonitions (`!!! note "Title"`) and pymdownx.details
 * (`??? note`, `???+ note` open), with their indented body as Markdown.
 * Rendered as MkDocs Material renders them, which the TechDocs reader styles.
 */
export function admonitions(md: MarkdownIt) {
  md.block.ruler.before(
    'fence',
    'admonition',
    (
      state: StateBlock,
      startLine: number,
      endLine: number,
      silent: boolean,
    ) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      const start = state.bMarks[startLine] + state.tShift[startLine];
      const match = OPENER.exec(
        state.src.slice(start, state.eMarks[startLine]),
      );
      if (!match) return false;
      if (silent) return true;

      const bodyIndent = state.blkIndent + 4;
      let next = startLine + 1;
      while (
        next < endLine &&
        (state.isEmpty(next) || state.sCount[next] >= bodyIndent)
      ) {
        next++;
      }
      let end = next;
      while (end > startLine + 1 && state.isEmpty(end - 1)) end--;

      const [, marker, type, title] = match;
      const open = state.push(
        'admonition_open',
        marker === '!!!' ? 'div' : 'details',
        1,
      );
      open.block = true;
      open.map = [startLine, end];
      open.meta = {
        marker,
        type: type.toLowerCase(),
        title: title ?? type.charAt(0).toUpperCase() + type.slice(1),
      };

      const saved = [state.parentType, state.lineMax, state.blkIndent] as const;
      state.parentType = 'admonition' as any;
      state.lineMax = end;
      state.blkIndent = bodyIndent;
      state.md.block.tokenize(state, startLine + 1, end);
      [state.parentType, state.lineMax, state.blkIndent] = saved;

      state.push('admonition_close', open.tag, -1).block = true;
      state.line = next;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );

  md.renderer.rules.admonition_open = (tokens: Token[], idx: number) => {
    const { marker, type, title } = tokens[idx].meta as AdmonitionMeta;
    const cls = md.utils.escapeHtml(type);
    const heading = md.utils.escapeHtml(title);
    if (marker === '!!!') {
      return `<div class="admonition ${cls}">\n${
        heading ? `<p class="admonition-title">${heading}</p>\n` : ''
      }`;
    }
    return `<details class="${cls}"${
      marker === '???+' ? ' open' : ''
    }>\n<summary>${heading}</summary>\n`;
  };
  md.renderer.rules.admonition_close = (tokens: Token[], idx: number) =>
    `</${tokens[idx].tag}>\n`;
}
