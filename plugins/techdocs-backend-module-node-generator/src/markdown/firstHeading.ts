const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const H1_START = /^#[ \t]+/;

/**
 * The text of a page's first `# Title` line, its closing `#`s dropped, with
 * lines inside fenced code skipped (a shell comment is no title). Read line
 * by line: the regular expression this replaces took minutes on a heading
 * with a long run of spaces.
 */
export function firstHeading(markdown: string): string | undefined {
  let fence: string | undefined;
  let start = 0;
  while (start < markdown.length) {
    const newline = markdown.indexOf('\n', start);
    const end = newline < 0 ? markdown.length : newline;
    const line = markdown.slice(start, end);
    start = end + 1;
    if (fence) {
      if (isFenceClose(line, fence)) fence = undefined;
      continue;
    }
    const open = FENCE_OPEN.exec(line);
    if (open) {
      // A backtick fence's info string has no backticks.
      if (!(open[1][0] === '`' && line.slice(open[0].length).includes('`')))
        fence = open[1];
      continue;
    }
    const h1 = H1_START.exec(line);
    if (!h1) continue;
    const text = line.slice(h1[0].length).trimEnd();
    let cut = text.length;
    while (cut > 0 && text[cut - 1] === '#') cut--;
    const title = text.slice(0, cut).trim();
    if (title) return title;
  }
  return undefined;
}

function isFenceClose(line: string, fence: string): boolean {
  const trimmed = line.trimEnd();
  const indent = trimmed.length - trimmed.trimStart().length;
  if (indent > 3) return false;
  const marks = trimmed.slice(indent);
  return marks.length >= fence.length && [...marks].every(c => c === fence[0]);
}
