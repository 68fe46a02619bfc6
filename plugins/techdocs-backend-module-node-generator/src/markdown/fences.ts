import type { MarkdownIt, Token } from 'markdown-it';
import { parseFenceInfo, type FenceInfo } from './fenceOptions';
import { highlight, languageTitle, splitHighlightedLines } from './highlight';
import { annotateCodeLines, renderAnnotationTooltips } from './annotations';
import type { MarkdownExtensions } from './markdownExtensions';
import type { PageEnv } from './pageEnv';
import { escapeAttr, escapeText } from '../output/escape';

/** pymdownx.highlight's options that shape a code block. */
type HighlightSettings = {
  cssClass: string;
  /** undefined: per block only; false: never, not even per block. */
  linenums: boolean | undefined;
  linenumsStyle: 'table' | 'inline' | 'pymdownx-inline';
  linenumsSpecial: number;
  anchorLinenums: boolean;
  /** undefined: set to something that is not an id prefix (ignored, with a warning). */
  lineSpans: string | undefined;
  lineAnchors: string | undefined;
  langClass: boolean;
  autoTitle: boolean;
  autoTitleMap: Record<string, string>;
};

type CustomFence = { name: string; className: string; format: string };

const FORMATTERS: Record<string, 'pre' | 'div'> = {
  'pymdownx.superfences.fence_code_format': 'pre',
  'pymdownx.superfences.fence_div_format': 'div',
};

function highlightSettings(extensions: MarkdownExtensions): HighlightSettings {
  const o = extensions.get('pymdownx.highlight') ?? {};
  const superfences = extensions.get('pymdownx.superfences') ?? {};
  const style = String(o.linenums_style ?? 'table');
  return {
    cssClass: String(superfences.css_class || o.css_class || 'highlight'),
    linenums: typeof o.linenums === 'boolean' ? o.linenums : undefined,
    linenumsStyle:
      style === 'inline' || style === 'pymdownx-inline' ? style : 'table',
    linenumsSpecial: Number(o.linenums_special ?? -1),
    anchorLinenums: o.anchor_linenums === true,
    lineSpans: idPrefix(o.line_spans),
    lineAnchors: idPrefix(o.line_anchors),
    // TechDocs core turns pygments_lang_class on, and Material's own setup
    // recommends it: `div.language-python.highlight`.
    langClass: o.pygments_lang_class !== false,
    autoTitle: o.auto_title === true,
    autoTitleMap:
      o.auto_title_map && typeof o.auto_title_map === 'object'
        ? (o.auto_title_map as Record<string, string>)
        : {},
  };
}

const ID_PREFIX = /^[A-Za-z_][\w-]*$/;

/**
 * An id prefix from mkdocs.yml (`line_spans`, `line_anchors`): a name, or
 * undefined when it is set to something else (an id that could end its
 * attribute is refused rather than written), '' when it is not set.
 */
function idPrefix(value: unknown): string | undefined {
  if (value === undefined || value === null || value === false || value === '')
    return '';
  return typeof value === 'string' && ID_PREFIX.test(value) ? value : undefined;
}

/** A YAML `!!python/name:x.y` reference, as mkdocs.yml writes a formatter. */
export function pythonName(value: unknown): string {
  return String(value ?? '')
    .trim()
    .replace(/^(?:!!|tag:yaml\.org,2002:)python\/name:/, '');
}

function customFences(extensions: MarkdownExtensions): CustomFence[] {
  const entries = extensions.get('pymdownx.superfences')?.custom_fences;
  if (!Array.isArray(entries)) return [];
  return entries
    .filter(e => e && typeof e === 'object' && typeof e.name === 'string')
    .map(e => ({
      name: String(e.name),
      className: String(e.class ?? ''),
      format: pythonName(e.format),
    }));
}

/** Code blocks' sequence numbers on a page, as pymdownx numbers them in ids. */
const blockCounts = new WeakMap<object, number>();

function nextBlockNumber(env: object): number {
  const n = blockCounts.get(env) ?? 0;
  blockCounts.set(env, n + 1);
  return n;
}

/**
 * Fenced code as pymdownx.superfences and pymdownx.highlight write it with
 * Material's setup: `div.language-<lang>.highlight`, a `span.filename`
 * title, line numbers (a `table.highlighttable` by default), highlighted
 * lines as `span.hll`, line spans and anchors; highlight.js gives the
 * tokens. Mermaid stays `pre.mermaid` for the reader, and custom fences
 * with superfences' own formatters are honoured.
 */
export function fences(md: MarkdownIt, extensions: MarkdownExtensions) {
  const settings = highlightSettings(extensions);
  const custom = customFences(extensions);

  md.renderer.rules.fence = (tokens, idx, _options, pageEnv) => {
    const env = pageEnv as PageEnv;
    const token = tokens[idx];
    const line = token.map?.[0];
    const info = parseFenceInfo(token.info);
    for (const [option, value] of [
      ['line_spans', settings.lineSpans],
      ['line_anchors', settings.lineAnchors],
    ] as const) {
      if (value === undefined) {
        env.warnings.add(
          line,
          `pymdownx.highlight's \`${option}\` is not an id prefix (a letter or \`_\`, then letters, digits, \`_\` or \`-\`); it is ignored`,
        );
      }
    }
    for (const option of info.rejected) {
      env.warnings.add(
        line,
        `code fence option \`${option}\` is not one pymdownx.superfences accepts; it is ignored`,
      );
    }
    const fence = [...custom]
      .reverse()
      .find(f => f.name === info.lang || f.name === '*');
    if (info.lang === 'mermaid' || fence) {
      const kind =
        info.lang === 'mermaid' ? 'pre' : FORMATTERS[fence?.format ?? ''];
      if (kind) {
        return customFence(kind, fence?.className || info.lang, info, token);
      }
      env.warnings.add(
        line,
        `custom fence \`${info.lang}\` uses the formatter \`${
          fence?.format || '(none)'
        }\`, which the generator does not have; it is shown as plain code`,
      );
      return codeBlock(token, { ...info, lang: '' }, env, info.lang);
    }
    return codeBlock(token, info, env, undefined);
  };

  function customFence(
    kind: 'pre' | 'div',
    className: string,
    info: FenceInfo,
    token: Token,
  ): string {
    const body = escapeText(token.content.replace(/\n$/, ''));
    const attrs = wrapperAttrs(info, [className, ...info.classes], []);
    return kind === 'pre'
      ? `<pre${attrs}><code>${body}</code></pre>\n`
      : `<div${attrs}>${body}</div>\n`;
  }

  function wrapperAttrs(
    info: FenceInfo,
    classes: string[],
    data: Array<[string, string]>,
  ): string {
    const id = info.id ? ` id="${escapeAttr(info.id)}"` : '';
    const cls = classes.filter(Boolean).map(escapeAttr).join(' ');
    return `${id}${cls ? ` class="${cls}"` : ''}${data
      .map(([k, v]) => ` ${k}="${escapeAttr(v)}"`)
      .join('')}`;
  }

  function codeBlock(
    token: Token,
    info: FenceInfo,
    env: PageEnv,
    langClassName: string | undefined,
  ): string {
    const code = token.content;
    const highlighted = info.lang ? highlight(code, info.lang) : undefined;
    const lang = highlighted === undefined ? 'text' : info.lang;
    const lines = splitHighlightedLines(highlighted ?? escapeText(code));
    if (code.endsWith('\n')) lines.pop();
    if (lines.length === 0) lines.push('');

    const annotated = annotateCodeLines(lines, token, env);
    const block = nextBlockNumber(env);
    const linenums =
      settings.linenums === false
        ? undefined
        : info.linenums ??
          (settings.linenums ? { start: 1, step: 1, special: -1 } : undefined);
    const start = linenums && linenums.start > 0 ? linenums.start : 1;
    const enabled = linenums !== undefined && linenums.start !== 0;
    const step = enabled && linenums.step > 1 ? linenums.step : 1;
    const special =
      enabled && linenums.special >= 0
        ? linenums.special
        : Math.max(settings.linenumsSpecial, 0);
    const style = enabled ? settings.linenumsStyle : undefined;
    const width = String(start + lines.length - 1).length;
    const anchorPrefix =
      settings.lineAnchors || (settings.anchorLinenums ? '__codelineno' : '');
    const lineSpans = settings.lineSpans;

    const hl = new Uint8Array(lines.length + 1);
    for (const [from, to] of info.hlLines) {
      if (from > to) continue;
      for (let n = Math.max(from, 1); n <= Math.min(to, lines.length); n++) {
        hl[n] = 1;
      }
    }

    const number = (n: number) =>
      n % step === 0 ? String(n).padStart(width) : ' '.repeat(width);
    const numberClass = (n: number) =>
      special > 0 && n % special === 0 ? 'special' : 'normal';

    let body = '';
    annotated.forEach((content, i) => {
      const n = start + i;
      const anchorId = `${anchorPrefix}-${block}-${n}`;
      let inlineNumber = '';
      if (style === 'pymdownx-inline' || style === 'inline') {
        const cls =
          numberClass(n) === 'special' ? 'linenos special' : 'linenos';
        inlineNumber =
          style === 'inline'
            ? `<span class="${cls}">${number(n)}</span>`
            : env.trusted.add(
                `<span class="${cls}" data-linenos="${number(n)} "></span>`,
              );
        if (settings.anchorLinenums) {
          inlineNumber = `<a href="#${anchorId}">${inlineNumber}</a>`;
        }
      }
      let text = `${inlineNumber}${content}\n`;
      if (hl[i + 1]) text = `<span class="hll">${text}</span>`;
      if (anchorPrefix) {
        const href =
          settings.anchorLinenums && !style ? ` href="#${anchorId}"` : '';
        text = `<a id="${anchorId}" name="${anchorId}"${href}></a>${text}`;
      }
      if (lineSpans) {
        text = `<span id="${lineSpans}-${block}-${n}">${text}</span>`;
      }
      body += text;
    });

    const title =
      info.title?.trim() ||
      (settings.autoTitle
        ? autoTitle(langClassName ?? lang, settings.autoTitleMap)
        : '');
    const classes = [
      settings.langClass ? `language-${langClassName ?? lang}` : '',
      ...info.classes,
      settings.cssClass,
    ];
    // data-* attributes would not survive the sanitizer of a page with raw HTML.
    const openTag = `<div${wrapperAttrs(info, classes, info.data)}>`;
    const [open, close] = info.data.length
      ? [env.trusted.add(openTag), env.trusted.add('</div>')]
      : [openTag, '</div>'];
    const pre = `<pre><span></span><code>${body}</code></pre>`;
    const filename = title
      ? `<span class="filename">${escapeText(title)}</span>`
      : '';
    let html: string;
    if (style === 'table') {
      const numbers = annotated
        .map((_, i) => {
          const n = start + i;
          const shown = number(n);
          const label =
            settings.anchorLinenums && shown.trim()
              ? `<a href="#${anchorPrefix}-${block}-${n}">${shown}</a>`
              : shown;
          return `<span class="${numberClass(n)}">${label}</span>`;
        })
        .join('\n');
      html = `${open}<table class="highlighttable"><tr>${
        title
          ? `<th colspan="2" class="filename">${filename}</th></tr><tr>`
          : ''
      }<td class="linenos"><div class="linenodiv"><pre><span></span>${numbers}</pre></div></td><td class="code"><div>${pre}</div></td></tr></table>${close}`;
    } else {
      html = `${open}${filename}${pre}${close}`;
    }
    return `${html}\n${renderAnnotationTooltips(token, md, env)}`;
  }
}

function autoTitle(lang: string, map: Record<string, string>): string {
  const name = languageTitle(lang)
    .split(' ')
    .map(w =>
      w === w.toLowerCase() ? w.charAt(0).toUpperCase() + w.slice(1) : w,
    )
    .join(' ');
  return map[name] ?? name;
}
