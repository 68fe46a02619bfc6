/**
 * The page source without the private-use characters that delimit the
 * placeholders of the generator's own markup (`TrustedFragments`), in any
 * form that reaches the HTML as the character: as it is, as a numeric
 * entity (`&#xE000;`, `&#57344;`), and percent-encoded (`%EE%80%80`, which
 * markdown-it decodes in link text). An author could otherwise forge a
 * placeholder and have the generator's markup put back where they want, out
 * of reach of the sanitizer. The characters mean nothing in a page.
 */
export function withoutPlaceholderMarks(source: string): string {
  return source.replace(
    /[\uE000\uE001]|&#(?:x0*e00[01]|0*5734[45]);?|%ee%80%8[01]/gi,
    '',
  );
}
