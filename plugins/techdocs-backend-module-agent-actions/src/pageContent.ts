import { NodeHtmlMarkdown } from 'node-html-markdown';
import { HTMLElement, Node, NodeType, parse } from 'node-html-parser';

/** A docs page's title and main text, as Markdown or as plain text. */
export interface PageContent {
  title?: string;
  content: string;
}

/** What the site adds around and inside the text: navigation, permalinks, edit buttons, line numbers. */
const CHROME = [
  'script',
  'style',
  'noscript',
  'nav',
  'a.headerlink',
  '.md-content__button',
  '.md-source-file',
  '.md-feedback',
  '.linenos',
  '.lineno',
];

/** Elements that start a line of their own in plain text. */
const BLOCKS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'thead',
  'tfoot',
  'tr',
  'ul',
  'br',
]);

/**
 * The main text of a built docs page (MkDocs Material's layout, which both
 * TechDocs' MkDocs and Greenroom's Node generator write: the page's
 * `article.md-content__inner`; else `article`, `main` or the body), without
 * the site's chrome, as Markdown (tables, fenced code with its language,
 * links kept) or as plain text (a block a line, table cells by tabs).
 */
export function pageContent(
  html: string,
  format: 'markdown' | 'text',
): PageContent {
  // <pre> is parsed as elements, so that highlighted code can be read
  const root = parse(html, {
    comment: false,
    blockTextElements: { script: true, noscript: true, style: true },
  });
  const main: HTMLElement =
    root.querySelector('article.md-content__inner') ??
    root.querySelector('article') ??
    root.querySelector('main') ??
    root.querySelector('body') ??
    root;
  for (const selector of CHROME) {
    for (const el of main.querySelectorAll(selector)) el.remove();
  }
  const title =
    main.querySelector('h1')?.textContent.trim() ||
    root.querySelector('title')?.textContent.trim() ||
    undefined;
  const content = format === 'markdown' ? markdownOf(main) : plainTextOf(main);
  return { ...(title && { title }), content: content.trim() };
}

function markdownOf(main: HTMLElement): string {
  // Highlighted code is <div class="language-x highlight"><pre><span></span>
  // <code><span>...</span></code></pre>: made a plain <pre><code> of its
  // text, which the converter fences with its language.
  for (const pre of main.querySelectorAll('pre')) {
    const language = languageOf(pre);
    const code = escapeHtml(pre.textContent.replace(/\n$/, ''));
    pre.replaceWith(
      `<pre><code${
        language ? ` class="language-${language}"` : ''
      }>${code}</code></pre>`,
    );
  }
  return withoutBreaksInCode(converter().translate(main.innerHTML));
}

/**
 * The converter ends every line of a list item with a hard break (two
 * spaces), code blocks' lines too, where they would become part of the code.
 */
function withoutBreaksInCode(markdown: string): string {
  let inFence = false;
  return markdown
    .split('\n')
    .map(line => {
      const fence = /^\s*```/.test(line);
      if (fence) inFence = !inFence;
      return fence || inFence ? line.replace(/ +$/, '') : line;
    })
    .join('\n');
}

let shared: NodeHtmlMarkdown | undefined;

/** The converter, keeping inline code in table cells (runbooks' alert tables name commands and alerts so). */
function converter(): NodeHtmlMarkdown {
  if (!shared) {
    shared = new NodeHtmlMarkdown();
    shared.tableCellTranslators.set('code', shared.translators.get('code'));
  }
  return shared;
}

function languageOf(pre: HTMLElement): string | undefined {
  const classes = [
    pre.querySelector('code')?.getAttribute('class') ?? '',
    pre.getAttribute('class') ?? '',
    pre.closest('[class*="language-"]')?.getAttribute('class') ?? '',
  ].join(' ');
  return /(?:^|\s)language-([\w+#.-]+)/.exec(classes)?.[1];
}

/** Marks the lines of preformatted text, whose spaces are kept. */
const PRE = '\u0001';

function plainTextOf(main: HTMLElement): string {
  const out: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      out.push(node.textContent.replace(/\s+/g, ' '));
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.tagName?.toLowerCase() ?? '';
    if (tag === 'pre') {
      const code = node.textContent.replace(/\n$/, '');
      out.push('\n', ...code.split('\n').map(l => `${PRE}${l}\n`));
      return;
    }
    const block = BLOCKS.has(tag);
    if (block) out.push('\n');
    if (tag === 'td' || tag === 'th') out.push('\t');
    for (const child of node.childNodes) walk(child);
    if (block) out.push('\n');
  };
  walk(main);
  return out
    .join('')
    .split('\n')
    .map(line =>
      line.startsWith(PRE)
        ? line.slice(PRE.length).replace(/\s+$/, '')
        : line.replace(/^[ \t]+|[ \t]+$/g, ''),
    )
    .filter((line, i, lines) => line !== '' || (i > 0 && lines[i - 1] !== ''))
    .join('\n');
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}
