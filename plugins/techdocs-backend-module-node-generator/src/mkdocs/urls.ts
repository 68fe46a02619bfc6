import { unsafeUrlScheme } from '../output/unsafeUrl';

/**
 * The scheme of a URL as a browser reads it: browsers skip leading spaces
 * and control characters and ignore tabs and newlines anywhere, so
 * `java\tscript:` and ` javascript:` are still `javascript:`.
 */
export function urlScheme(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const cleaned = url.replace(/^[\u0000-\u0020]+/, '').replace(/[\t\n\r]/g, '');
  return /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)?.[1].toLowerCase();
}

/**
 * Whether a URL would run script (or load a document) when followed:
 * `javascript:`, `vbscript:`, `data:` other than an image, as pages' links
 * are checked ({@link unsafeUrlScheme}).
 */
export function isScriptUrl(url: string): boolean {
  return unsafeUrlScheme(url, 'link') !== undefined;
}

/** Whether a URL is an absolute http(s) URL. */
export function isWebUrl(url: string): boolean {
  const scheme = urlScheme(url);
  return (
    (scheme === 'http' || scheme === 'https') &&
    /^https?:\/\/[^/]/i.test(url.trim())
  );
}

/** A site path (`a b/"x"/`) as an href: each segment percent-encoded, slashes kept. */
export function encodePath(sitePath: string): string {
  return sitePath
    .split('/')
    .map(segment => encodeURIComponent(segment))
    .join('/');
}

/**
 * A URL written by an author (a nav target, an `extra_css` entry) made safe
 * to put in an href: characters that are not allowed in a URL are
 * percent-encoded, what is already encoded stays so.
 */
export function encodeUrl(url: string): string {
  return url.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@%/?#[\]]/g, c =>
    encodeURIComponent(c),
  );
}
