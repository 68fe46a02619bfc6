/**
 * Why a link or image URL of a page could run script, or undefined when it
 * cannot: `javascript:` and `vbscript:` URLs, and `data:` URLs other than
 * images (and, in links, SVG images, which can hold script once opened).
 * Browsers ignore whitespace and control characters in a scheme
 * (`java\tscript:`), so the check does too, encoded or not.
 */
export function unsafeUrlScheme(
  url: string,
  kind: 'link' | 'image',
): string | undefined {
  const compact = url
    .replace(/%(?:[01][0-9a-f]|20|7f)/gi, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0020\u007f]/g, '')
    .toLowerCase();
  const scheme = /^([a-z][a-z0-9+.-]*):/.exec(compact)?.[1];
  if (scheme === 'javascript' || scheme === 'vbscript') return scheme;
  if (scheme !== 'data') return undefined;
  const image = /^data:image\/([a-z0-9.+-]+)[;,]/.exec(compact)?.[1];
  if (!image) return scheme;
  if (kind === 'link' && image.startsWith('svg')) return scheme;
  return undefined;
}

/** The build-log warning for a URL {@link unsafeUrlScheme} refuses. */
export function unsafeUrlWarning(
  scheme: string,
  kind: 'link' | 'image',
): string {
  return kind === 'link'
    ? `a \`${scheme}:\` link is dropped (its text stays): such URLs can run script`
    : `an image with a \`${scheme}:\` source that is not an image is dropped (its alt text stays): such URLs can run script`;
}
