/** Where an element's closing tag is in a source: `</tag>`'s start and end offsets. */
export type ClosingTag = { start: number; end: number };

/** Per page (env), per source parsed, per tag name: each opening tag's `<` offset to its closing tag. */
const pairs = new WeakMap<
  object,
  Map<string, Map<string, Map<number, ClosingTag>>>
>();

/**
 * The closing tag of the `<tag ...>` at `openAt` in `src`, or undefined when
 * it is never closed. Each source and tag is matched once, in one pass with
 * a stack, so that finding every element of a page stays linear.
 */
export function closingTag(
  env: object,
  src: string,
  tag: string,
  openAt: number,
): ClosingTag | undefined {
  let bySource = pairs.get(env);
  if (!bySource) pairs.set(env, (bySource = new Map()));
  let byTag = bySource.get(src);
  if (!byTag) bySource.set(src, (byTag = new Map()));
  let closes = byTag.get(tag);
  if (!closes) {
    closes = matchTags(src, tag);
    byTag.set(tag, closes);
  }
  return closes.get(openAt);
}

function matchTags(src: string, tag: string): Map<number, ClosingTag> {
  const closes = new Map<number, ClosingTag>();
  const open: number[] = [];
  const finder = new RegExp(String.raw`<(/?)${tag}(?=[\s/>])[^>]*?(/?)>`, 'gi');
  for (let m = finder.exec(src); m; m = finder.exec(src)) {
    if (m[2]) continue; // <tag/>
    if (!m[1]) open.push(m.index);
    else if (open.length) {
      closes.set(open.pop()!, { start: m.index, end: m.index + m[0].length });
    }
  }
  return closes;
}
