import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';

/**
 * Resolves `relative` against `fromDir` and makes sure that it, and whatever
 * symlinks it passes through, stays inside `root`.
 */
export function resolveInside(
  root: string,
  fromDir: string,
  relative: string,
  describe: { file: string; what: string },
): string {
  const problem = `${describe.what} '${relative}' leaves the docs folder`;
  if (path.isAbsolute(relative)) {
    throw new DocsBuildError(
      describe.file,
      `${problem} (absolute paths are not allowed)`,
    );
  }
  const resolved = path.resolve(fromDir, relative);
  if (!isInside(root, resolved)) {
    throw new DocsBuildError(describe.file, problem);
  }
  if (fs.existsSync(resolved)) {
    const real = fs.realpathSync(resolved);
    if (!isInside(fs.realpathSync(root), real)) {
      throw new DocsBuildError(describe.file, `${problem} through a symlink`);
    }
  }
  return resolved;
}

export function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The site URL of a page, MkDocs style with directory URLs and
 * percent-encoded as MkDocs writes it: `index.md` → ``, `guide.md` →
 * `guide/`, `a/index.md` → `a/`, `my page.md` → `my%20page/`. Encoded, a file
 * name cannot become markup where the URL is written.
 */
export function pageUrl(srcPath: string): string {
  return encodeUrlPath(pagePath(srcPath));
}

/** The output file of a page: its URL's index.html, as the file system names it. */
export function pageOutputFile(srcPath: string): string {
  return `${pagePath(srcPath)}index.html`;
}

/** A page's folder in the site, unencoded. */
function pagePath(srcPath: string): string {
  const posix = srcPath.split(path.sep).join('/');
  const withoutExt = posix.replace(/\.md$/i, '');
  if (withoutExt === 'index' || withoutExt === 'README') return '';
  if (/\/(index|README)$/.test(withoutExt)) {
    return `${withoutExt.replace(/\/(index|README)$/, '')}/`;
  }
  return `${withoutExt}/`;
}

/**
 * A site path as a URL, as MkDocs quotes it (Python's `urllib.parse.quote`):
 * everything but letters, digits, `_.-~` and `/` percent-encoded.
 */
export function encodeUrlPath(sitePath: string): string {
  return sitePath
    .split('/')
    .map(segment =>
      encodeURIComponent(segment).replace(
        /[!'()*]/g,
        c => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
      ),
    )
    .join('/');
}

/** A link from the page at `fromUrl` to the site path `toUrl`. */
export function relativeUrl(fromUrl: string, toUrl: string): string {
  const fromDir = fromUrl.split('/').slice(0, -1);
  const to = toUrl.split('/');
  let common = 0;
  while (
    common < fromDir.length &&
    common < to.length - 1 &&
    fromDir[common] === to[common]
  ) {
    common++;
  }
  const up = fromDir.length - common;
  const rel = `${'../'.repeat(up)}${to.slice(common).join('/')}`;
  return rel === '' ? './' : rel;
}
