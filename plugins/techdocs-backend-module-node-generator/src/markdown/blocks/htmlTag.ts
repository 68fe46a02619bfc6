/** `value` escaped for a double-quoted HTML attribute. */
export function escapeAttr(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

/** An HTML attribute name as the HTML spec allows it (no quotes, `=`, `>`, `/`, spaces). */
// eslint-disable-next-line no-control-regex
export const ATTRIBUTE_NAME = /^[^\s"'>/=\u0000-\u001f]+$/;

/**
 * An opening tag, attributes in the order given (values escaped, names that
 * are not attribute names left out), then the boolean attributes.
 */
export function openTag(
  tag: string,
  attrs: Record<string, string>,
  booleans: string[] = [],
): string {
  const parts = Object.entries(attrs)
    .filter(([name]) => ATTRIBUTE_NAME.test(name))
    .map(([name, value]) => ` ${name}="${escapeAttr(value)}"`);
  return `<${tag}${parts.join('')}${booleans.map(b => ` ${b}`).join('')}>`;
}
