import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import type { PageWarnings } from '../markdown/pageEnv';
import { encodeUrlPath, isInside, pageUrl, relativeUrl } from './paths';

/** A page of the site being built. */
export type Page = { srcPath: string; file: string; title: string };

/** Where a relative URL of a page points, and what is there. */
type Target =
  | { kind: 'page' | 'file'; srcPath: string }
  | { kind: 'missing' | 'folder'; srcPath: string }
  | { kind: 'outside-docs' };

/**
 * A link or image URL of a page as the built site needs it, as MkDocs
 * rewrites it: a relative link to a page becomes a link to its URL, one to a
 * file of the docs folder is made relative to the page's URL, keeping the
 * query and anchor (`page.md?h=x#a` → `page/?h=x#a`). What MkDocs leaves as
 * it is, with a warning, stays as written with a warning: a URL-style link
 * (`../advanced/transports#x`), a link to a missing page or file, one that
 * leaves the docs folder, an absolute path. A link out of the repository, by
 * its path or through a symlink, stops the build.
 */
export function rewriteUrl(options: {
  href: string;
  kind: 'link' | 'image';
  /** markdown-it's line of the link, for its warnings. */
  line: number | undefined;
  page: Page;
  /** The page's site URL. */
  url: string;
  docsDir: string;
  /** The repository: the folder of mkdocs.yml, which nothing may leave. */
  repoDir: string;
  /** The site's pages by their path in the docs folder. */
  known: ReadonlyMap<string, unknown>;
  warnings: PageWarnings;
}): string {
  const { href, kind, line, page, url, warnings } = options;
  if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return href;
  if (href.startsWith('/')) {
    warnings.add(
      line,
      `contains an absolute ${kind} '${href}', it was left as is (it is relative to the server, not to the site)`,
    );
    return href;
  }
  const [target, rest] = splitTarget(href);
  if (!target) return href;
  const found = locate(options, target);
  if (found.kind === 'page' || found.kind === 'file') {
    const to =
      found.kind === 'page'
        ? pageUrl(found.srcPath)
        : encodeUrlPath(found.srcPath);
    return relativeUrl(url, to) + rest;
  }
  if (found.kind === 'outside-docs') {
    warnings.add(
      line,
      `contains a ${kind} '${href}' out of the docs folder (docs_dir), which is not part of the site; it was left as is`,
    );
  } else if (found.kind === 'missing' && hasExtension(target)) {
    warnings.add(
      line,
      `contains a ${kind} '${href}', but the target '${found.srcPath}' is not found among documentation files; it was left as is`,
    );
  } else {
    const suggestion = suggestPage(found.srcPath, options.known);
    warnings.add(
      line,
      `contains an unrecognized relative ${kind} '${href}', it was left as is${
        suggestion
          ? `. Did you mean '${relativeSrc(page.srcPath, suggestion)}'?`
          : ''
      }`,
    );
  }
  return href;
}

/** The path part of a URL, decoded, and its query and anchor as written. */
function splitTarget(href: string): [string, string] {
  const end = href.search(/[?#]/);
  const target = end < 0 ? href : href.slice(0, end);
  const rest = end < 0 ? '' : href.slice(end);
  try {
    return [decodeURI(target), rest];
  } catch {
    // A stray `%`: the path as written.
    return [target, rest];
  }
}

function locate(
  options: Parameters<typeof rewriteUrl>[0],
  target: string,
): Target {
  const { page, docsDir, known, kind } = options;
  const repoDir = path.resolve(options.repoDir);
  const resolved = path.resolve(
    path.dirname(path.join(docsDir, page.srcPath)),
    target,
  );
  const refused = `${kind} '${target}' leaves the docs repository`;
  if (!isInside(repoDir, resolved)) {
    throw new DocsBuildError(page.file, refused);
  }
  const inDocs = isInside(docsDir, resolved);
  const srcPath = path.relative(docsDir, resolved).split(path.sep).join('/');
  // The site's pages were checked as the docs folder was listed: no file
  // system call for the links most pages have.
  if (inDocs && known.has(srcPath)) return { kind: 'page', srcPath };
  let stat: fs.Stats | undefined;
  try {
    stat = fs.statSync(resolved);
  } catch {
    stat = undefined;
  }
  if (stat && !isInside(fs.realpathSync(repoDir), fs.realpathSync(resolved))) {
    throw new DocsBuildError(page.file, `${refused} through a symlink`);
  }
  if (!inDocs) return { kind: 'outside-docs' };
  if (stat?.isFile() && !/\.md$/i.test(srcPath)) {
    return { kind: 'file', srcPath };
  }
  return { kind: stat?.isDirectory() ? 'folder' : 'missing', srcPath };
}

/** MkDocs tells a file link (`a.png`) from a URL-style one (`a/`, `a`) by its extension. */
function hasExtension(target: string): boolean {
  return !target.endsWith('/') && path.posix.basename(target).includes('.');
}

/** The page a URL-style link most likely means: `a/` → `a/index.md`, `a` → `a.md`. */
function suggestPage(
  srcPath: string,
  known: ReadonlyMap<string, unknown>,
): string | undefined {
  const base = srcPath === '' ? '' : `${srcPath.replace(/\/$/, '')}/`;
  return [
    `${base}index.md`,
    `${base}README.md`,
    srcPath ? `${srcPath.replace(/\/$/, '')}.md` : '',
  ].find(candidate => candidate && known.has(candidate));
}

/** `to` (a path in the docs folder) relative to the page at `from`. */
function relativeSrc(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to) || to;
}
