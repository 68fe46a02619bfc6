/** An element as `/// html | div#id.class[attr=value]` names it. */
export type SelectedElement = { tag: string; attrs: Record<string, string> };

const NAME = String.raw`-?[A-Za-z_\u00a0-\uffff][\w\u00a0-\uffff-]*`;
const TAG = new RegExp(`^${NAME}`, 'y');
const ID = new RegExp(`#(${NAME})`, 'y');
const CLASS = new RegExp(`\\.(${NAME})`, 'y');
const VALUE = String.raw`"(?:\\.|[^\\"])*"|'(?:\\.|[^\\'])*'|[^\s\]'"]+`;
const ATTR = new RegExp(String.raw`(${NAME})(?:\s*=\s*(${VALUE}))?`, 'y');
const SPACE = /[ \t\n\r\f\v]*/y;

type Attribute = { name: string; value?: string };

/**
 * The `[name=value ...]` at `at` (its `[`): each attribute and where the
 * bracket ends, or undefined when it is not one. Read attribute by
 * attribute: pymdownx's one regex, `\[(?:\s*NAME(?:=VALUE)?)+\s*\]`, can
 * split a name into names in exponentially many ways before it fails.
 */
function attributes(
  selector: string,
  at: number,
): { attrs: Attribute[]; end: number } | undefined {
  const attrs: Attribute[] = [];
  let pos = at + 1;
  for (;;) {
    pos += sticky(SPACE, selector, pos)![0].length;
    if (selector[pos] === ']') {
      return attrs.length ? { attrs, end: pos + 1 } : undefined;
    }
    const attr = sticky(ATTR, selector, pos);
    if (!attr) return undefined;
    attrs.push({ name: attr[1], value: attr[2] });
    pos += attr[0].length;
  }
}

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
    const match = id ?? cls;
    const bracket =
      match || selector[at] !== '[' ? undefined : attributes(selector, at);
    if (!match && !bracket) return undefined;
    if (id) attrs.id = id[1];
    if (cls) classes.push(cls[1]);
    for (const { name, value: written } of bracket?.attrs ?? []) {
      const key = name.toLowerCase();
      let value = written ?? (key === 'class' ? '' : key);
      if (/^["']/.test(value)) value = value.slice(1, -1);
      if (key === 'class') {
        for (const c of value.split(' ')) if (c) classes.push(c);
      } else attrs[key] = value;
    }
    at = match ? match.index + match[0].length : bracket!.end;
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
