/**
 * Where Python-Markdown's attr_list finds a brace list (`{: #id .x }`), read
 * by hand: its patterns (`[ ]+\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}[ ]*$` and the
 * like) take time quadratic in a line's length as JavaScript's regex engine
 * runs them (a heading of ` {a` repeated, a brace list of spaces). Each
 * function gives what the pattern would match, in linear time.
 */
export type BraceMatch = {
  /** Where the match starts (the spaces before the braces, if any). */
  index: number;
  /** Where it ends. */
  end: number;
  /** The list inside the braces (the pattern's group). */
  list: string;
};

/** The list inside `{` … `}` (without them), or undefined when it is none. */
function listOf(inner: string): string | undefined {
  if (inner.includes('\n')) return undefined;
  let i = inner.charCodeAt(0) === 0x3a ? 1 : 0;
  while (inner.charCodeAt(i) === 0x20) i++;
  if (i < inner.length) return inner.slice(i);
  // `{:}`, `{: }`: the colon itself is the list.
  return inner.startsWith(':') ? inner : undefined;
}

function lastNonSpace(text: string): number {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x20) end--;
  return end - 1;
}

/** A brace list at the end of `text`, after at least one space (a heading's, a cell's). */
export function braceListAtEnd(text: string): BraceMatch | undefined {
  const close = lastNonSpace(text);
  if (close < 0 || text[close] !== '}') return undefined;
  const from =
    Math.max(
      text.lastIndexOf('}', close - 1),
      text.lastIndexOf('\n', close - 1),
    ) + 1;
  // The leftmost brace that gives a list, as a regex search finds it.
  for (
    let open = text.indexOf('{', from);
    open !== -1 && open < close;
    open = text.indexOf('{', open + 1)
  ) {
    if (open === 0 || text.charCodeAt(open - 1) !== 0x20) continue;
    const list = listOf(text.slice(open + 1, close));
    if (list === undefined) continue;
    let index = open - 1;
    while (index > 0 && text.charCodeAt(index - 1) === 0x20) index--;
    return { index, end: text.length, list };
  }
  return undefined;
}

/** `text` when it is only a brace list, with spaces around it (a paragraph's last line). */
export function braceListLine(text: string): BraceMatch | undefined {
  let open = 0;
  while (text.charCodeAt(open) === 0x20) open++;
  const close = lastNonSpace(text);
  if (text[open] !== '{' || close <= open || text[close] !== '}') {
    return undefined;
  }
  if (text.lastIndexOf('}', close - 1) > open) return undefined;
  const list = listOf(text.slice(open + 1, close));
  return list === undefined ? undefined : { index: 0, end: text.length, list };
}

/** A brace list at the start of `text` (right after an inline element). */
export function braceListAtStart(text: string): BraceMatch | undefined {
  if (text.charCodeAt(0) !== 0x7b) return undefined;
  const close = text.indexOf('}');
  if (close === -1) return undefined;
  const list = listOf(text.slice(1, close));
  return list === undefined ? undefined : { index: 0, end: close + 1, list };
}
