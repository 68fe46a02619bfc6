const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * `text` escaped for HTML text content: `&`, `<`, `>`, and `"` as
 * markdown-it and Pygments write it.
 */
export function escapeText(text: string): string {
  return text.replace(/[&<>"]/g, c => ENTITIES[c]);
}

/**
 * `value` escaped for an HTML attribute, quoted with `"` or `'`: `&`, `<`,
 * `>` and both quotes, so that no value can end its attribute or tag.
 */
export function escapeAttr(value: string): string {
  return value.replace(/[&<>"']/g, c => ENTITIES[c]);
}
