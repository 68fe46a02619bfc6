import type { MarkdownExtensions } from '../markdownExtensions';

/** What a block name renders, with the defaults of its pymdownx.blocks extension. */
export type BlockKind =
  | { kind: 'admonition'; type?: string; title?: string }
  | { kind: 'details'; type?: string; title?: string }
  | { kind: 'tab' }
  | { kind: 'html' };

/** pymdownx.blocks.admonition's default `types`. */
const ADMONITION_TYPES = [
  'note',
  'attention',
  'caution',
  'danger',
  'error',
  'tip',
  'hint',
  'warning',
];

/** Blocks that pymdownx ships and this generator does not render, by name. */
const UNRENDERED: Record<string, string> = {
  caption: 'pymdownx.blocks.caption',
  'figure-caption': 'pymdownx.blocks.caption',
  'table-caption': 'pymdownx.blocks.caption',
  define: 'pymdownx.blocks.definition',
};

/** The block names a site's extensions render, and which extension each needs. */
export type BlockNames = {
  rendered: ReadonlyMap<string, BlockKind>;
  /** Why `name` is not rendered, for its warning. */
  whyNot(name: string): string;
};

/**
 * The names of pymdownx.blocks' blocks: `admonition`, `details`, `tab` and
 * `html`, and the types that `pymdownx.blocks.admonition` and
 * `pymdownx.blocks.details` add (`note`, `tip`, or a site's own: a name, or
 * `{name, class, title}`), for the extensions mkdocs.yml lists.
 */
export function blockNames(extensions: MarkdownExtensions): BlockNames {
  const rendered = new Map<string, BlockKind>();
  const needs = new Map<string, string>(Object.entries(UNRENDERED));
  const typed = (
    extension: string,
    kind: 'admonition' | 'details',
    defaults: string[],
  ) => {
    needs.set(kind, extension);
    for (const name of defaults) needs.set(name, extension);
    const options = extensions.get(extension);
    if (!options) return;
    rendered.set(kind, { kind });
    const types = Array.isArray(options.types) ? options.types : defaults;
    for (const type of types) {
      if (typeof type === 'string') {
        rendered.set(type, { kind, type });
        needs.set(type, extension);
      } else if (type && typeof type === 'object' && 'name' in type) {
        const { name, class: cls, title } = type as Record<string, unknown>;
        if (typeof name !== 'string') continue;
        rendered.set(name, {
          kind,
          type: typeof cls === 'string' ? cls : name,
          title: typeof title === 'string' ? title : undefined,
        });
        needs.set(name, extension);
      }
    }
  };
  typed('pymdownx.blocks.admonition', 'admonition', ADMONITION_TYPES);
  typed('pymdownx.blocks.details', 'details', []);
  for (const kind of ['tab', 'html'] as const) {
    needs.set(kind, `pymdownx.blocks.${kind}`);
    if (extensions.has(`pymdownx.blocks.${kind}`)) rendered.set(kind, { kind });
  }
  return {
    rendered,
    whyNot: name => {
      const extension = needs.get(name);
      if (!extension) {
        return `\`/// ${name}\` is not a block of pymdownx.blocks; the text stays as written`;
      }
      return `\`/// ${name}\` (${extension}) is not rendered${
        name in UNRENDERED ? '' : `: mkdocs.yml does not list ${extension}`
      }; the text stays as written`;
    },
  };
}
