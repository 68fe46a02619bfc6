import fs from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { YAML_OPTIONS } from './yamlOptions';
import { NavItem, navRestEntry } from './nav';
import type { RawNav } from './readMkdocsConfig';
import { gitignoreMatcher } from './gitignorePatterns';
import { isScriptUrl, urlScheme } from './urls';
import { DocsBuildError } from '../DocsBuildError';
import { isInside } from '../output/paths';

/** The awesome-pages plugin's options in mkdocs.yml. */
export type AwesomePagesOptions = {
  filename?: unknown;
  collapse_single_pages?: unknown;
};

type PagesFile = {
  title?: string;
  nav?: unknown[];
  arrange?: unknown[];
  order?: string;
  hide?: boolean;
  collapse?: boolean;
  collapseSinglePages?: boolean;
};

/**
 * mkdocs-awesome-pages-plugin: the default nav (the folder tree), arranged by
 * each folder's `.pages` file: `title`, `nav` (with `...` for the rest,
 * `... | glob` for some of it, `Title: page.md` and `Title: https://...`),
 * the older `arrange`, `order`, `hide`, `collapse` and
 * `collapse_single_pages`. Entries that name nothing are warned about, as
 * the plugin does when not strict; the build goes on.
 */
export function arrangeNav(options: {
  nav: NavItem[];
  docsDir: string;
  docsRel: string;
  plugin: AwesomePagesOptions;
  warn: (message: string) => void;
  /** The largest `.pages` file read, as a page (the build's maxPageBytes). */
  maxBytes: number;
}): NavItem[] {
  const { docsDir, docsRel, plugin, warn, maxBytes } = options;
  const realRoot = fs.realpathSync(docsDir);
  const fileName =
    typeof plugin.filename === 'string' && !plugin.filename.includes('/')
      ? plugin.filename
      : '.pages';
  const named = (dir: string) =>
    [docsRel === '.' ? '' : docsRel, dir, fileName].filter(Boolean).join('/');

  const readPagesFile = (dir: string): PagesFile => {
    const file = path.join(docsDir, dir, fileName);
    let real: string;
    try {
      real = fs.realpathSync(file);
    } catch {
      return {};
    }
    // The docs walk skips dotfiles, so `.pages` is checked here, as a page would be.
    if (!isInside(realRoot, real)) {
      throw new DocsBuildError(
        named(dir),
        'is a symlink that leaves the docs folder',
      );
    }
    const stat = fs.statSync(real);
    if (!stat.isFile()) return {};
    if (stat.size > maxBytes) {
      throw new DocsBuildError(
        named(dir),
        `is larger than a page may be (${stat.size} bytes, at most ${maxBytes}); shorten it, or raise techdocs.nodeGenerator.limits.maxPageBytes`,
      );
    }
    const doc = parseDocument(fs.readFileSync(real, 'utf8'), YAML_OPTIONS);
    let data: unknown;
    try {
      data = doc.errors.length ? undefined : doc.toJS({ maxAliasCount: 100 });
    } catch {
      data = undefined;
    }
    if (!data || typeof data !== 'object' || Array.isArray(data)) {
      warn(
        `${named(dir)}: is not a YAML mapping (${
          doc.errors[0]?.message.split('\n')[0] ?? 'title: ..., nav: [...]'
        }); it is ignored`,
      );
      return {};
    }
    const raw = data as Record<string, unknown>;
    return {
      title: typeof raw.title === 'string' ? raw.title : undefined,
      nav: Array.isArray(raw.nav) ? raw.nav : undefined,
      arrange: Array.isArray(raw.arrange) ? raw.arrange : undefined,
      order: typeof raw.order === 'string' ? raw.order : undefined,
      hide: raw.hide === true,
      collapse: typeof raw.collapse === 'boolean' ? raw.collapse : undefined,
      collapseSinglePages:
        typeof raw.collapse_single_pages === 'boolean'
          ? raw.collapse_single_pages
          : undefined,
    };
  };

  const arrangeLevel = (
    items: NavItem[],
    dir: string,
    inheritedCollapse: boolean,
  ): { items: NavItem[]; config: PagesFile } => {
    const config = readPagesFile(dir);
    const collapseSingle = config.collapseSinglePages ?? inheritedCollapse;
    let level = items.flatMap((item): NavItem[] => {
      if (item.kind !== 'section' || item.dir === undefined) return [item];
      const inner = arrangeLevel(item.children, item.dir, collapseSingle);
      if (inner.config.hide) return [];
      const section: NavItem = {
        ...item,
        title: inner.config.title ?? item.title,
        children: inner.items,
      };
      const collapse = inner.config.collapse ?? collapseSingle;
      if (collapse && inner.items.length === 1) return inner.items;
      return [section];
    });
    if (config.order === 'asc' || config.order === 'desc') {
      const sign = config.order === 'asc' ? 1 : -1;
      level = [...level].sort(
        (a, b) => sign * baseName(a).localeCompare(baseName(b)),
      );
    }
    if (config.nav) {
      level = arrangeByNav(level, config.nav, named(dir), true, warn);
    } else if (config.arrange) {
      level = arrangeByNav(level, config.arrange, named(dir), false, warn);
    }
    return { items: level, config };
  };

  const globalCollapse = plugin.collapse_single_pages === true;
  return arrangeLevel(options.nav, '', globalCollapse).items;
}

/**
 * `.pages`' `nav` (or `arrange`) applied to one folder's items: listed
 * items in their order, `...` for the rest, `... | glob` for some of it.
 */
function arrangeByNav(
  items: NavItem[],
  entries: unknown[],
  file: string,
  restOnlyWhenListed: boolean,
  warn: (message: string) => void,
): NavItem[] {
  const remaining = new Set(items);
  const byName = new Map(items.map(item => [baseName(item), item]));
  type Rest = { rest: (item: NavItem) => boolean; filtered: boolean };
  type Slot = NavItem | Rest;
  const slots: Slot[] = [];
  for (const entry of entries) {
    const [title, target] = navEntry(entry);
    if (typeof target !== 'string') {
      warn(
        `${file}: nav entry ${JSON.stringify(
          entry,
        )} is not understood; it is ignored`,
      );
      continue;
    }
    const rest = title === undefined ? navRestEntry(target) : undefined;
    if (rest) {
      const filter = rest.filter?.replace(/^glob=/, '');
      if (filter?.startsWith('regex=')) {
        warn(
          `${file}: '${target}': regular expression filters are not supported; the entry is ignored`,
        );
        continue;
      }
      const match = filter
        ? gitignoreMatcher(filter, problem => warn(`${file}: ${problem}`))
        : () => true;
      slots.push({ rest: item => match(baseName(item)), filtered: !!filter });
      continue;
    }
    if (urlScheme(target)) {
      if (isScriptUrl(target)) {
        warn(
          `${file}: nav entry '${target}' is a ${urlScheme(
            target,
          )}: URL, which could run script; it is left out of the nav`,
        );
        continue;
      }
      slots.push({ kind: 'link', title: title ?? target, url: target });
      continue;
    }
    const item = byName.get(target.replace(/\/+$/, ''));
    if (!item) {
      warn(
        `${file}: nav entry '${target}' names no page or folder here; it is ignored`,
      );
      continue;
    }
    remaining.delete(item);
    slots.push(title === undefined ? item : { ...item, title });
  }
  if (!restOnlyWhenListed && !slots.some(slot => 'rest' in slot)) {
    // `arrange` puts the pages it does not list after those it does.
    slots.push({ rest: () => true, filtered: false });
  }
  // Filters take their items first; a plain `...` takes what is left.
  const taken = new Map<Rest, NavItem[]>();
  const rests = slots.filter((slot): slot is Rest => 'rest' in slot);
  for (const rest of [
    ...rests.filter(r => r.filtered),
    ...rests.filter(r => !r.filtered),
  ]) {
    const chosen = [...remaining].filter(rest.rest);
    chosen.forEach(item => remaining.delete(item));
    taken.set(rest, chosen);
  }
  return slots.flatMap(slot =>
    'rest' in slot ? taken.get(slot) ?? [] : [slot],
  );
}

/** A `.pages` nav entry: `page.md`, or `{ Title: page.md }`. */
function navEntry(entry: unknown): [string | undefined, unknown] {
  if (typeof entry === 'string') return [undefined, entry];
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    const [first] = Object.entries(entry);
    return first ?? [undefined, undefined];
  }
  return [undefined, undefined];
}

/** The file or folder name a nav item stands for, as `.pages` names it. */
function baseName(item: NavItem): string {
  if (item.kind === 'page') return item.srcPath.split('/').pop()!;
  if (item.kind === 'section') return item.dir?.split('/').pop() ?? item.title;
  return item.title;
}

/** What each `...` entry of mkdocs.yml's nav stands for, by its filter and position. */
export type NavRest = (filter: string | undefined, index: number) => NavItem[];

/**
 * awesome-pages' `...` entries in mkdocs.yml's nav: the pages the nav does
 * not list, as the arranged folder tree. `... | glob` entries take the pages
 * whose path in the docs folder matches, as a flat list, before a plain `...`
 * takes the rest; a second plain `...` gets nothing.
 */
export function navRest(options: {
  raw: RawNav;
  arranged: NavItem[];
  configFile: string;
  warn: (message: string) => void;
}): NavRest {
  const { raw, arranged, configFile, warn } = options;
  const listed = new Set<string>();
  const rests: Array<string | undefined> = [];
  const walk = (entries: unknown[]) => {
    for (const entry of entries) {
      if (typeof entry === 'string') {
        const rest = navRestEntry(entry);
        if (rest) rests.push(rest.filter);
        else listed.add(entry.replace(/^(\.\/)+/, ''));
      } else if (entry && typeof entry === 'object') {
        for (const value of Object.values(entry)) {
          if (typeof value === 'string')
            listed.add(value.replace(/^(\.\/)+/, ''));
          else if (Array.isArray(value)) walk(value);
        }
      }
    }
  };
  walk(raw);

  const pages: Array<NavItem & { kind: 'page' }> = [];
  const collect = (items: NavItem[]) =>
    items.forEach(item => {
      if (item.kind === 'page') pages.push(item);
      if (item.kind === 'section') collect(item.children);
    });
  collect(arranged);
  const remaining = new Set(
    pages.map(p => p.srcPath).filter(srcPath => !listed.has(srcPath)),
  );

  const taken = new Map<number, NavItem[]>();
  rests.forEach((filter, i) => {
    if (filter === undefined) return;
    const glob = filter.replace(/^glob=/, '');
    if (glob.startsWith('regex=')) {
      warn(
        `${configFile}: nav entry '... | ${filter}': regular expression filters are not supported; the entry is ignored`,
      );
      return;
    }
    const match = gitignoreMatcher(glob, problem =>
      warn(`${configFile}: ${problem}`),
    );
    const chosen = pages.filter(
      p => remaining.has(p.srcPath) && match(p.srcPath),
    );
    chosen.forEach(p => remaining.delete(p.srcPath));
    taken.set(i, chosen);
  });
  const catchAll = rests.indexOf(undefined);
  if (catchAll >= 0) taken.set(catchAll, prune(arranged, remaining));
  return (_filter, index) => taken.get(index) ?? [];
}

/** The nav with only the pages in `keep`, and without the sections left empty. */
function prune(items: NavItem[], keep: Set<string>): NavItem[] {
  return items.flatMap((item): NavItem[] => {
    if (item.kind === 'page') return keep.has(item.srcPath) ? [item] : [];
    if (item.kind === 'section') {
      const children = prune(item.children, keep);
      return children.length ? [{ ...item, children }] : [];
    }
    return [item];
  });
}
