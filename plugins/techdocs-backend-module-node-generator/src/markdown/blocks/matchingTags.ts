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
  for (const found of tagsNamed(src, tag)) {
    if (found.selfClosing) continue;
    if (!found.closing) open.push(found.start);
    else if (open.length) {
      closes.set(open.pop()!, { start: found.start, end: found.end });
    }
  }
  return closes;
}

/** An opening or closing tag found in a text: `<tag ...>`, `</tag>` or `<tag/>`. */
export type FoundTag = {
  start: number;
  end: number;
  closing: boolean;
  selfClosing: boolean;
};

const tagStarts = new Map<string, RegExp>();

/**
 * Each `<tag ...>` and `</tag ...>` in `text`, any case, in order, each to
 * the first `>` after its name. That `>` is found with one indexOf: a
 * regex such as `<tag[^>]*?>` retries from each `<tag` to the end of a text
 * that has no `>`.
 */
export function* tagsNamed(text: string, tag: string): Generator<FoundTag> {
  let start = tagStarts.get(tag);
  if (!start) {
    start = new RegExp(String.raw`<(/?)${tag}(?=[\s/>])`, 'gi');
    tagStarts.set(tag, start);
  }
  let from = 0;
  for (;;) {
    start.lastIndex = from;
    const match = start.exec(text);
    if (!match) return;
    const nameEnd = match.index + match[0].length;
    const gt = text.indexOf('>', nameEnd);
    // No `>` after this tag: none after any later one either
    if (gt < 0) return;
    yield {
      start: match.index,
      end: gt + 1,
      closing: match[1] === '/',
      selfClosing: gt > nameEnd && text.charCodeAt(gt - 1) === 0x2f,
    };
    from = gt + 1;
  }
}
