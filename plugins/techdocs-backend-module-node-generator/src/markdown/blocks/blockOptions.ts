import { parse } from 'yaml';
import type { BlockKind } from './blockNames';

/** A block's options, validated as pymdownx.blocks validates them. */
export type BlockOptions = {
  attrs: Record<string, string>;
  type?: string;
  open?: boolean;
  new?: boolean;
  select?: boolean;
  markdown?: 'auto' | 'block' | 'inline' | 'raw' | 'html';
};

// A CSS identifier, as pymdownx checks class names, ids and attribute names.
// pymdownx repeats the first character class (`-?[start]+[rest]*`); one is
// the same, as every start character is also in the rest, and does not try
// each split of a long name that fails at its end.
const IDENTIFIER =
  // eslint-disable-next-line no-control-regex
  /^(?:-?[^\x00-\x2f\x30-\x40\x5B-\x5E\x60\x7B-\x9f]|--)[^\x00-\x2c\x2e\x2f\x3A-\x40\x5B-\x5E\x60\x7B-\x9f]*$/i;

const MARKDOWN_MODES = ['auto', 'block', 'inline', 'raw', 'html'];

/** The options each kind takes besides `attrs`, and how each is checked. */
const SPECS: Record<
  BlockKind['kind'],
  Record<string, (value: unknown) => boolean>
> = {
  admonition: { type: isIdentifier },
  details: { open: isBoolean, type: isIdentifier },
  tab: { new: isBoolean, select: isBoolean },
  html: {
    markdown: v => typeof v === 'string' && MARKDOWN_MODES.includes(v),
  },
};

function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

/**
 * The options of a block from the YAML after its header (dedented), or a
 * reason they are not valid: pymdownx then leaves the block as text. A
 * block of a type (`/// note`, a site's `details` types) takes no `type`.
 */
export function parseBlockOptions(
  yaml: string,
  block: BlockKind,
): BlockOptions | string {
  let raw: unknown = {};
  if (yaml.trim()) {
    try {
      // PyYAML keeps a repeated key's last value; yaml's check for them
      // is also quadratic in the number of keys
      raw = parse(yaml, { maxAliasCount: 0, uniqueKeys: false }) ?? {};
    } catch {
      return 'its options are not valid YAML';
    }
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    return 'its options are not a YAML mapping';
  }
  const spec = SPECS[block.kind];
  const typed = 'type' in block && block.type !== undefined;
  const options: BlockOptions = { attrs: {} };
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'attrs') {
      const attrs = parseAttrs(value);
      if (!attrs) return `its \`attrs\` are not valid`;
      options.attrs = attrs;
    } else if (spec[key] && !(typed && key === 'type')) {
      if (!spec[key](value)) return `its option \`${key}\` is not valid`;
      (options as Record<string, unknown>)[key] = value;
    } else {
      return `it has no option \`${key}\``;
    }
  }
  return options;
}

/** pymdownx's attribute mapping: identifiers as names, classes and id checked. */
function parseAttrs(value: unknown): Record<string, string> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return undefined;
  }
  const attrs: Record<string, string> = {};
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (!isIdentifier(key) || typeof v !== 'string') return undefined;
    const name = key.toLowerCase();
    if (name === 'class') {
      const classes = v.split(' ').filter(Boolean);
      if (!classes.every(isIdentifier)) return undefined;
      attrs.class = classes.join(' ');
    } else if (name === 'id') {
      if (!isIdentifier(v)) return undefined;
      attrs.id = v;
    } else {
      attrs[key] = v;
    }
  }
  return attrs;
}
