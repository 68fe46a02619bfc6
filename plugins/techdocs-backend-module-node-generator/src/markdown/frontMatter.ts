import { parseDocument } from 'yaml';
import { YAML_OPTIONS } from '../mkdocs/yamlOptions';

/** What the site uses of a page's metadata; other keys are ignored. */
export type PageMeta = {
  title?: string;
  description?: string;
  /** Parts of the page Material hides: `navigation`, `toc`, `footer`, `tags`. */
  hide: Set<string>;
  tags: string[];
  icon?: string;
};

/** A page split into its metadata and the Markdown that follows it. */
export type PageSource = {
  meta: PageMeta;
  markdown: string;
  /** The lines before `markdown` in the file, for warnings to name the file's lines. */
  lineOffset: number;
  /** Why metadata that looked like front matter was not read, if it was not. */
  warning?: { line: number; message: string };
};

// MkDocs' own rules (mkdocs/utils/meta.py): YAML between `---` and `---` or
// `...` at the very start, or else MultiMarkdown-style `Key: value` lines up
// to the first blank line.
const YAML_FRONT_MATTER =
  /^-{3}[ \t]*\r?\n([\s\S]*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n/;
const META_LINE = /^[ ]{0,3}([A-Za-z0-9_-]+):\s*(.*)$/;
const META_MORE = /^(?: {4}|\t)\s*(.*)$/;
/** A YAML alias may not be expanded more often than this: no alias bombs in a page. */
const MAX_ALIAS_COUNT = 100;

/** Splits a page's metadata from its Markdown, as MkDocs does before Markdown sees the page. */
export function readFrontMatter(source: string): PageSource {
  const yamlMatch = source.startsWith('---')
    ? YAML_FRONT_MATTER.exec(source)
    : null;
  if (yamlMatch) {
    const doc = parseDocument(yamlMatch[1], YAML_OPTIONS);
    let data: unknown;
    let error = doc.errors[0]?.message;
    if (!error) {
      try {
        data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      } catch (e) {
        error = (e as Error).message;
      }
    }
    if (error) {
      // MkDocs renders the page as written when its front matter is not YAML.
      return {
        meta: pageMeta({}),
        markdown: source,
        lineOffset: 0,
        warning: {
          line: 1,
          message: `front matter is not valid YAML (${
            error.split('\n')[0]
          }); as in MkDocs, it is rendered as part of the page`,
        },
      };
    }
    if (isMapping(data)) {
      return split(source, yamlMatch[0].length, pageMeta(data));
    }
    return { meta: pageMeta({}), markdown: source, lineOffset: 0 };
  }
  return readMultiMarkdownMeta(source);
}

function readMultiMarkdownMeta(source: string): PageSource {
  const firstLineEnd = source.indexOf('\n');
  const firstLine = firstLineEnd < 0 ? source : source.slice(0, firstLineEnd);
  if (!META_LINE.test(firstLine.replace(/\r$/, ''))) {
    return { meta: pageMeta({}), markdown: source, lineOffset: 0 };
  }
  const data: Record<string, string> = {};
  let key: string | undefined;
  let offset = 0;
  while (offset < source.length) {
    const end = source.indexOf('\n', offset);
    const next = end < 0 ? source.length : end + 1;
    const line = source
      .slice(offset, end < 0 ? source.length : end)
      .replace(/\r$/, '');
    if (line.trim() === '') {
      offset = next;
      break;
    }
    const m = META_LINE.exec(line);
    const more = m ? undefined : META_MORE.exec(line);
    if (m) {
      key = m[1].toLowerCase();
      const value = m[2].trim();
      data[key] = data[key] === undefined ? value : `${data[key]} ${value}`;
    } else if (more && key) {
      data[key] += ` ${more[1].trim()}`;
    } else {
      break;
    }
    offset = next;
  }
  return split(source, offset, pageMeta(data));
}

/** The page after its metadata, without the blank lines MkDocs strips. */
function split(source: string, end: number, meta: PageMeta): PageSource {
  let start = end;
  while (source[start] === '\n' || source.startsWith('\r\n', start)) {
    start += source[start] === '\n' ? 1 : 2;
  }
  let lineOffset = 0;
  for (
    let i = source.indexOf('\n');
    i >= 0 && i < start;
    i = source.indexOf('\n', i + 1)
  ) {
    lineOffset++;
  }
  return { meta, markdown: source.slice(start), lineOffset };
}

function pageMeta(data: Record<string, unknown>): PageMeta {
  const text = (value: unknown) =>
    typeof value === 'string' || typeof value === 'number'
      ? String(value)
      : undefined;
  const list = (value: unknown, separator: RegExp): string[] => {
    if (Array.isArray(value)) {
      return value.map(text).filter((v): v is string => !!v);
    }
    // MultiMarkdown-style metadata gives one line of text.
    const one = text(value);
    return one
      ? one
          .split(separator)
          .map(v => v.trim())
          .filter(Boolean)
      : [];
  };
  return {
    title: text(data.title),
    description: text(data.description),
    hide: new Set(list(data.hide, /[\s,]+/)),
    tags: list(data.tags, /,/),
    icon: text(data.icon),
  };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
