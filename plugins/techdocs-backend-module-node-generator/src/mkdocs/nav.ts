import { DocsBuildError } from '../DocsBuildError';
import { RawNav } from './readMkdocsConfig';
import { pageUrl } from '../output/paths';

/** One entry of the site's navigation. */
export type NavItem =
  | { kind: 'page'; title: string; srcPath: string; url: string }
  | { kind: 'link'; title: string; url: string }
  | { kind: 'section'; title: string; children: NavItem[] };

const EXTERNAL = /^[a-z][a-z0-9+.-]*:\/\//i;

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
}): NavItem[] {
  const { raw, srcPaths, titleOf, configFile } = options;
  if (!raw) {
    return defaultNav(srcPaths, titleOf);
  }
  const known = new Set(srcPaths);

  const pageItem = (title: string | undefined, target: string): NavItem => {
    if (EXTERNAL.test(target)) {
      return { kind: 'link', title: title ?? target, url: target };
    }
    const srcPath = target.replace(/^\.\//, '');
    if (!known.has(srcPath)) {
      throw new DocsBuildError(
        configFile,
        `nav entry ${
          title ? `'${title}: ${target}'` : `'${target}'`
        } names a page that does not exist in the docs folder`,
      );
    }
    return {
      kind: 'page',
      title: title ?? titleOf(srcPath),
      srcPath,
      url: pageUrl(srcPath),
    };
  };

  const toItem = (entry: unknown): NavItem => {
    if (typeof entry === 'string') {
      return pageItem(undefined, entry);
    }
    if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
      const [[title, value], ...rest] = Object.entries(entry);
      if (rest.length) {
        throw new DocsBuildError(
          configFile,
          `nav entry '${title}' must have exactly one key`,
        );
      }
      if (Array.isArray(value)) {
        return { kind: 'section', title, children: value.map(toItem) };
      }
      if (typeof value === 'string') {
        return pageItem(title, value);
      }
    }
    throw new DocsBuildError(
      configFile,
      `nav entry ${JSON.stringify(
        entry,
      )} is neither a page, a link nor a section`,
    );
  };

  return raw.map(toItem);
}

function defaultNav(
  srcPaths: string[],
  titleOf: (srcPath: string) => string,
): NavItem[] {
  type Dir = { files: string[]; dirs: Map<string, Dir> };
  const root: Dir = { files: [], dirs: new Map() };
  for (const srcPath of srcPaths) {
    const parts = srcPath.split('/');
    let dir = root;
    for (const part of parts.slice(0, -1)) {
      if (!dir.dirs.has(part))
        dir.dirs.set(part, { files: [], dirs: new Map() });
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
        { kind: 'section', title: titleFromName(name), children: walk(sub) },
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
