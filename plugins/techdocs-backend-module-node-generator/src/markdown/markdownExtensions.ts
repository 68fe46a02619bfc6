/** An extension or plugin as mkdocs.yml lists it: its name and its options. */
export type ConfiguredItem = {
  name: string;
  options: Record<string, unknown>;
};

/**
 * The Markdown extensions a page is rendered with, by name (`toc`,
 * `pymdownx.tabbed`...), with their options.
 */
export type MarkdownExtensions = ReadonlyMap<string, Record<string, unknown>>;

/**
 * The extensions of the TechDocs core MkDocs plugin (mkdocs-techdocs-core),
 * which every TechDocs site is built with, whatever its mkdocs.yml lists:
 * TechDocs authors rely on them without listing them. Others (arithmatex,
 * keys, blocks...) render only when mkdocs.yml lists them, as in MkDocs: `$`
 * is a dollar sign, not math, on a site that did not ask for math.
 */
export const TECHDOCS_CORE_EXTENSIONS: readonly string[] = [
  'abbr',
  'admonition',
  'attr_list',
  'def_list',
  'fenced_code',
  'footnotes',
  'md_in_html',
  'meta',
  'tables',
  'toc',
  'pymdownx.caret',
  'pymdownx.details',
  'pymdownx.emoji',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.magiclink',
  'pymdownx.mark',
  'pymdownx.smartsymbols',
  'pymdownx.snippets',
  'pymdownx.superfences',
  'pymdownx.tabbed',
  'pymdownx.tasklist',
  'pymdownx.tilde',
];

/**
 * Every extension whose syntax the renderer knows: TechDocs core's, those
 * rendered only when listed, and those whose syntax needs nothing of ours
 * (markdown-it's emphasis and headers are betterem's and saneheaders').
 * mkdocs.yml naming another is warned about.
 */
export const RENDERED_EXTENSIONS: ReadonlySet<string> = new Set([
  ...TECHDOCS_CORE_EXTENSIONS,
  'codehilite',
  'extra',
  'pymdownx.arithmatex',
  'pymdownx.betterem',
  'pymdownx.blocks.admonition',
  'pymdownx.blocks.details',
  'pymdownx.blocks.html',
  'pymdownx.blocks.tab',
  'pymdownx.extra',
  'pymdownx.keys',
  'pymdownx.saneheaders',
]);

/** What `pymdownx.extra` (and Python-Markdown's `extra`) turns on. */
const EXTRA_PARTS = [
  'abbr',
  'attr_list',
  'def_list',
  'footnotes',
  'md_in_html',
  'tables',
  'pymdownx.betterem',
  'pymdownx.superfences',
];

/** Python-Markdown's long names (`markdown.extensions.toc`) are the short ones. */
export function extensionName(name: string): string {
  return name.replace(/^markdown\.extensions\./, '');
}

/**
 * The extensions pages are rendered with: TechDocs core's, and those
 * mkdocs.yml lists, whose options win. `pymdownx.extra` is its parts, as in
 * pymdownx.
 */
export function markdownExtensions(
  configured: readonly ConfiguredItem[],
): MarkdownExtensions {
  const extensions = new Map<string, Record<string, unknown>>(
    TECHDOCS_CORE_EXTENSIONS.map(name => [name, {}]),
  );
  for (const { name, options } of configured) {
    const short = extensionName(name);
    if (short === 'pymdownx.extra' || short === 'extra') {
      for (const part of EXTRA_PARTS) {
        extensions.set(part, {
          ...extensions.get(part),
          ...partOptions(options, part),
        });
      }
      continue;
    }
    extensions.set(short, { ...extensions.get(short), ...options });
  }
  return extensions;
}

/** `pymdownx.extra`'s options for one part: `{ 'pymdownx.superfences': {...} }`. */
function partOptions(
  options: Record<string, unknown>,
  part: string,
): Record<string, unknown> {
  const own = options[part] ?? options[`markdown.extensions.${part}`];
  return own && typeof own === 'object' && !Array.isArray(own)
    ? (own as Record<string, unknown>)
    : {};
}

/** A key for a set of extensions: builds with equal keys share a renderer. */
export function extensionsKey(extensions: MarkdownExtensions): string {
  return JSON.stringify([...extensions].sort(([a], [b]) => (a < b ? -1 : 1)));
}
