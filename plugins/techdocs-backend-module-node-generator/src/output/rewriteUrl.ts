import path from 'node:path';
import { pageUrl, relativeUrl, resolveInside } from './paths';

/** A page of the site being built. */
export type Page = { srcPath: string; file: string; title: string };

/** Relative links to pages become links to their built URLs; images stay in the docs folder. */
export function rewriteUrl(options: {
  href: string;
  kind: 'link' | 'image';
  page: Page;
  url: string;
  docsDir: string;
  known: Map<string, string>;
}): string {
  const { href, kind, page, url, docsDir, known } = options;
  if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return href;
  const [target, hash] = splitHash(href);
  if (!target) return href;
  const what = kind === 'image' ? 'image' : 'link';
  const pageDir = path.dirname(path.join(docsDir, page.srcPath));
  const resolved = resolveInside(docsDir, pageDir, decodeURI(target), {
    file: page.file,
    what,
  });
  const srcPath = path.relative(docsDir, resolved).split(path.sep).join('/');
  if (/\.md$/i.test(srcPath)) {
    if (!known.has(srcPath)) {
      // MkDocs only warns about a link to a missing page, and so do we.
      return href;
    }
    return relativeUrl(url, pageUrl(srcPath)) + hash;
  }
  return relativeUrl(url, srcPath) + hash;
}

function splitHash(href: string): [string, string] {
  const i = href.indexOf('#');
  return i < 0 ? [href, ''] : [href.slice(0, i), href.slice(i)];
}
