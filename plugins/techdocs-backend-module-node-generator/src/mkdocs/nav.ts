import { DocsBuildError } from '../DocsBuildError';
import { RawNav } from './readMkdocsConfig';
import { pageUrl } from '../output/paths';
import { isScriptUrl, urlScheme } from './urls';

/** One entry of the site's navigation. */
export type NavItem =
  | { kind: 'page'; title: string; srcPath: string; url: string }
  /** `local`: a path relative to the site's root, as MkDocs keeps a nav entry that is not a page. */
  | { kind: 'link'; title: string; url: string; local?: boolean }
  /** `dir`: the folder of the docs a section of the default nav stands for. */
  | { kind: 'section'; title: string; children: NavItem[]; dir?: string };

/**
 * awesome-pages' `...` entry, with its optional filter (`... | glob`, `''`
 * for `... |`); undefined for any other entry. Read by hand: the regular
 * expression it replaces took minutes on an entry with a long run of spaces.
 */
export function navRestEntry(entry: string): { filter?: string } | undefined {
  const text = entry.trim();
  if (!text.startsWith('...')) return undefined;
  const after = text.slice(3).trimStart();
  if (!after) return {};
  if (!after.startsWith('|')) return undefined;
  const filter = after.slice(1).trim();
  return /[\n\r\u2028\u2029]/.test(filter) ? undefined : { filter };
}

/**
 * The nav of mkdocs.yml with every page checked to exist, or, without one,
 * MkDocs' default: the folder tree, index pages first, then alphabetical.
 * `srcPaths` are the pages' paths in the docs folder, with forward slashes.
 */
export function resolveNav(options: {
  raw: RawNav | undefined;
  srcPaths: string[];
  titleOf: (srcPath: string) => string;
  configFile: string;
  warn: (message: string) => void;
  /**
   * What a `...` entry (awesome-pages: the pages the nav does not list)
   * stands for, by its filter and its position among them; without it, `...`
   * is a page name like any other.
   */
  rest?: (filter: string | undefined, index: number) => NavItem[];
}): NavItem[] {
  const { raw, srcPaths, titleOf, configFile, warn, rest } = options;
  let restIndex = 0;
  if (!raw) {
    return defaultNav(srcPaths, titleOf);
  }
  const known = new Set(srcPaths);
  const folders = new Set(
    srcPaths.flatMap(p =>
      p
        .split('/')
        .slice(0, -1)
        .map((_, i, parts) => parts.slice(0, i + 1).join('/')),
    ),
  );

  const pageItem = (title: string | undefined, target: string): NavItem[] => {
    const entry = `nav entry ${
      title !== undefined ? `'${title}: ${target}'` : `'${target}'`
    }`;
    if (isScriptUrl(target)) {
      warn(
        `${configFile}: ${entry} is a ${urlScheme(
          target,
        )}: URL, which could run script; it is left out of the nav`,
      );
      return [];
    }
    if (urlScheme(target) || target.startsWith('//')) {
      return [{ kind: 'link', title: title ?? target, url: target }];
    }
    if (target.startsWith('/')) {
      // MkDocs keeps an absolute path as a link, as written.
      return [{ kind: 'link', title: title ?? target, url: target }];
    }
    const srcPath = target.replace(/^(\.\/)+/, '');
    if (!known.has(srcPath)) {
      const folder = srcPath.replace(/\/+$/, '');
      warn(
        `${configFile}: ${entry} names ${
          folders.has(folder) || srcPath.endsWith('/')
            ? 'a folder, not a page'
            : 'a page that is not in the docs folder'
        }; as in MkDocs, it is kept as a link to '${target}'`,
      );
      return [
        { kind: 'link', title: title ?? target, url: srcPath, local: true },
      ];
    }
    return [
      {
        kind: 'page',
        title: title ?? titleOf(srcPath),
        srcPath,
        url: pageUrl(srcPath),
      },
    ];
  };

  function titledItems(title: string, value: unknown): NavItem[] {
    if (typeof value === 'string') return pageItem(title, value);
    if (Array.isArray(value)) {
      return [{ kind: 'section', title, children: value.flatMap(toItems) }];
    }
    if (isMapping(value)) {
      // MkDocs warns, and reads each key of the mapping as an entry.
      warn(
        `${configFile}: nav entry '${title}' is a mapping, where MkDocs expects a list; as in MkDocs, each of its keys is read as an entry`,
      );
      const children = Object.entries(value).flatMap(([key, inner]) =>
        titledItems(key, inner),
      );
      return [{ kind: 'section', title, children }];
    }
    throw new DocsBuildError(
      configFile,
      value === null || value === undefined
        ? `nav entry '${title}' is empty: give it a page, a link or a list of entries`
        : `nav entry '${title}: ${shortJson(
            value,
          )}' is neither a page, a link nor a list of entries`,
    );
  }

  function toItems(entry: unknown): NavItem[] {
    if (typeof entry === 'string') {
      const restEntry = rest && navRestEntry(entry);
      if (restEntry) return rest(restEntry.filter, restIndex++);
      return pageItem(undefined, entry);
    }
    if (isMapping(entry)) {
      const entries = Object.entries(entry);
      if (entries.length !== 1) {
        throw new DocsBuildError(
          configFile,
          entries.length
            ? `nav entry with the titles ${entries
                .map(([title]) => `'${title}'`)
                .join(', ')} must have exactly one title`
            : 'nav entry {} has no title: write page.md, Title: page.md or Title: [...]',
        );
      }
      return titledItems(...entries[0]);
    }
    throw new DocsBuildError(
      configFile,
      `nav entry ${shortJson(
        entry,
      )} is neither a page, a link nor a section (page.md, Title: page.md or Title: [...])`,
    );
  }

  return raw.flatMap(toItems);
}

function defaultNav(
  srcPaths: string[],
  titleOf: (srcPath: string) => string,
): NavItem[] {
  type Dir = { path: string; files: string[]; dirs: Map<string, Dir> };
  const root: Dir = { path: '', files: [], dirs: new Map() };
  for (const srcPath of srcPaths) {
    const parts = srcPath.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      if (!dir.dirs.has(part))
        dir.dirs.set(part, {
          path: dir.path ? `${dir.path}/${part}` : part,
          files: [],
          dirs: new Map(),
        });
      dir = dir.dirs.get(part)!;
    }
    dir.files.push(srcPath);
  }
  const isIndex = (p: string) => /(^|\/)(index|README)\.md$/i.test(p);
  const walk = (dir: Dir): NavItem[] => {
    const entries: Array<[string, NavItem]> = [
      ...dir.files.map((f): [string, NavItem] => [
        f.split('/').pop()!,
        { kind: 'page', title: titleOf(f), srcPath: f, url: pageUrl(f) },
      ]),
      ...[...dir.dirs].map(([name, sub]): [string, NavItem] => [
        name,
        {
          kind: 'section',
          title: titleFromName(name),
          children: walk(sub),
          dir: sub.path,
        },
      ]),
    ];
    entries.sort(([a, ia], [b, ib]) => {
      const ai = ia.kind === 'page' && isIndex(ia.srcPath) ? 0 : 1;
      const bi = ib.kind === 'page' && isIndex(ib.srcPath) ? 0 : 1;
      return ai - bi || a.localeCompare(b);
    });
    return entries.map(([, item]) => item);
  };
  return walk(root);
}

/** `on-call_guide` → `On call guide`, as MkDocs titles files and folders. */
export function titleFromName(name: string) {
  const words = name.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** A YAML value as an error names it, cut short. */
function shortJson(value: unknown): string {
  const json = JSON.stringify(value) ?? String(value);
  return json.length > 80 ? `${json.slice(0, 80)}…` : json;
}
