/** An element as `/// html | div#id.class[attr=value]` names it. */
export type SelectedElement = { tag: string; attrs: Record<string, string> };

const NAME = String.raw`-?[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff-]*`;
const TAG = new RegExp(`^${NAME}`, 'y');
const ID = new RegExp(`#(${NAME})`, 'y');
const CLASS = new RegExp(`\\.(${NAME})`, 'y');
const VALUE = String.raw`"(?:\\.|[^\\"])*"|'(?:\\.|[^\\'])*'|[^\s\]'"]+`;
const ATTRS = new RegExp(
  String.raw`\[((?:\s*${NAME}(?:\s*=\s*(?:${VALUE}))?)+)\s*\]`,
  'y',
);
const ATTR = new RegExp(String.raw`(${NAME})(?:\s*=\s*(${VALUE}))?`, 'g');

/**
 * The tag and attributes of pymdownx.blocks.html's selector, or undefined
 * when it is not one (the block then stays text, as in pymdownx).
 */
export function parseHtmlSelector(
  selector: string,
): SelectedElement | undefined {
  TAG.lastIndex = 0;
  const tag = TAG.exec(selector);
  if (!tag) return undefined;
  const attrs: Record<string, string> = {};
  const classes: string[] = [];
  let at = TAG.lastIndex;
  while (at < selector.length) {
    const id = sticky(ID, selector, at);
    const cls = id ? null : sticky(CLASS, selector, at);
    const bracket = id || cls ? null : sticky(ATTRS, selector, at);
    const match = id ?? cls ?? bracket;
    if (!match) return undefined;
    if (id) attrs.id = id[1];
    if (cls) classes.push(cls[1]);
    for (const [, name, quoted] of bracket?.[1].matchAll(ATTR) ?? []) {
      const key = name.toLowerCase();
      let value = quoted ?? (key === 'class' ? '' : key);
      if (/^["']/.test(value)) value = value.slice(1, -1);
      if (key === 'class') classes.push(...value.split(' ').filter(Boolean));
      else attrs[key] = value;
    }
    at = match.index + match[0].length;
  }
  return {
    tag: tag[0].toLowerCase(),
    attrs: classes.length ? { class: classes.join(' '), ...attrs } : attrs,
  };
}

function sticky(re: RegExp, text: string, at: number) {
  re.lastIndex = at;
  return re.exec(text);
}
