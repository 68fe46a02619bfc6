/** Why a pattern cannot be read; the pattern is skipped. */
class InvalidPattern extends Error {}

/**
 * Patterns as gitignore writes them, as MkDocs reads `exclude_docs` and
 * `not_in_nav` (pathspec's gitwildmatch): one a line, `#` comments, `!` to
 * take a path back, `/` at the start to anchor to the docs folder, `/` at
 * the end for folders only, `*`, `?`, `[...]` and `**`. The last pattern that
 * matches a path decides. A pattern that is not valid (`[z-a]`) is skipped,
 * with `warn` told why.
 *
 * Matching is done by hand, not with regular expressions: `*a*a*a*a*b`
 * against a long name of `a`s backtracks for hours in a regex engine; here
 * it costs at most the pattern's length times the name's.
 *
 * @returns whether a file (its path in the docs folder, `a/b.md`) matches
 */
export function gitignoreMatcher(
  text: string,
  warn: (problem: string) => void = () => {},
): (file: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map(withoutTrailingSpaces)
    .filter(line => line && !line.startsWith('#'))
    .flatMap(line => {
      try {
        return [compile(line)];
      } catch (e) {
        if (!(e instanceof InvalidPattern)) throw e;
        warn(`pattern '${line}' is not valid (${e.message}); it is ignored`);
        return [];
      }
    });
  if (!rules.length) return () => false;
  return file => {
    const segments = file.split('/').map(s => Array.from(s));
    let matched = false;
    for (const rule of rules) {
      if (rule.negate === matched && matchPath(rule.path, segments)) {
        matched = !rule.negate;
      }
    }
    return matched;
  };
}

/** One character of a name: a literal, `?`, or a `[...]` set. */
type CharTest =
  | { kind: 'char'; char: string }
  | { kind: 'any' }
  | {
      kind: 'set';
      negate: boolean;
      chars: Set<string>;
      ranges: Array<[number, number]>;
    };
/** A name (a path segment) as a list of character tests and `*`s. */
type NamePattern = Array<CharTest | { kind: 'star' }>;
/** A path: names, any one name, or `**` (any number of names). */
type PathPart =
  | { kind: 'name'; name: NamePattern }
  | { kind: 'one' }
  | { kind: 'deep' };

/** gitignore's "trailing spaces are ignored unless they are quoted with backslash". */
function withoutTrailingSpaces(line: string): string {
  let end = line.trimEnd().length;
  if (end < line.length && line[end - 1] === '\\') end++;
  return line.slice(0, end);
}

function compile(line: string): { negate: boolean; path: PathPart[] } {
  let pattern = line;
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  if (pattern.startsWith('\\')) pattern = pattern.slice(1);
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  // A slash anywhere but at the end anchors the pattern to the docs folder.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);

  const parts: PathPart[] = anchored ? [] : [{ kind: 'deep' }];
  const segments = pattern.split('/');
  segments.forEach((segment, i) => {
    if (segment !== '**') {
      parts.push({ kind: 'name', name: namePattern(segment) });
    } else if (i < segments.length - 1) {
      // `**/x`, `a/**/x`: any number of folders.
      parts.push({ kind: 'deep' });
    } else {
      // `a/**`: everything in a.
      parts.push({ kind: 'one' }, { kind: 'deep' });
    }
  });
  // What matches a folder matches every file in it.
  if (dirOnly) parts.push({ kind: 'one' });
  parts.push({ kind: 'deep' });
  return {
    negate,
    path: parts.filter(
      (part, i) => !(part.kind === 'deep' && parts[i - 1]?.kind === 'deep'),
    ),
  };
}

/** A name's glob as pathspec reads it: `\` escapes, `*`, `?`, `[...]` with `!` or `^` to negate. */
function namePattern(segment: string): NamePattern {
  const chars = Array.from(segment);
  const out: NamePattern = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 === chars.length) {
        throw new InvalidPattern('it ends with an escaping backslash');
      }
      out.push({ kind: 'char', char: chars[++i] });
    } else if (c === '*') {
      if (out[out.length - 1]?.kind !== 'star') out.push({ kind: 'star' });
    } else if (c === '?') {
      out.push({ kind: 'any' });
    } else if (c === '[') {
      const set = charSet(chars, i);
      if (set) {
        out.push(set.test);
        i = set.end;
      } else {
        out.push({ kind: 'char', char: c });
      }
    } else {
      out.push({ kind: 'char', char: c });
    }
  }
  return out;
}

/**
 * The `[...]` set opening at `chars[open]`, and the index of its `]`; none
 * without a closing `]` (the `[` is then a literal). A `]` first in the set
 * is one of its characters; `a-z` is a range, `-` first or last a literal.
 */
function charSet(
  chars: string[],
  open: number,
): { test: CharTest; end: number } | undefined {
  let i = open + 1;
  const negate = chars[i] === '!' || chars[i] === '^';
  if (negate) i++;
  const first = i;
  if (chars[i] === ']') i++;
  while (i < chars.length && chars[i] !== ']') i++;
  if (i >= chars.length) return undefined;
  const members = chars.slice(first, i);
  const set = new Set<string>();
  const ranges: Array<[number, number]> = [];
  for (let k = 0; k < members.length; k++) {
    if (members[k + 1] === '-' && k + 2 < members.length) {
      const from = members[k].codePointAt(0)!;
      const to = members[k + 2].codePointAt(0)!;
      if (from > to) {
        throw new InvalidPattern(
          `the range ${members[k]}-${members[k + 2]} is backwards`,
        );
      }
      ranges.push([from, to]);
      k += 2;
    } else {
      set.add(members[k]);
    }
  }
  return { test: { kind: 'set', negate, chars: set, ranges }, end: i };
}

function charMatches(test: CharTest, char: string): boolean {
  if (test.kind === 'any') return true;
  if (test.kind === 'char') return test.char === char;
  const code = char.codePointAt(0)!;
  const inSet =
    test.chars.has(char) ||
    test.ranges.some(([from, to]) => code >= from && code <= to);
  return inSet !== test.negate;
}

function matchPath(parts: PathPart[], segments: string[][]): boolean {
  return wildcardMatch(
    parts,
    segments,
    part => part.kind === 'deep',
    (part, segment) =>
      part.kind === 'one' ||
      (part.kind === 'name' && matchName(part.name, segment)),
  );
}

function matchName(pattern: NamePattern, name: string[]): boolean {
  return wildcardMatch(
    pattern,
    name,
    test => test.kind === 'star',
    (test, char) => charMatches(test as CharTest, char),
  );
}

/**
 * Whether `items` match `pattern`, whose stars match any run of items and
 * other entries one item each. When the pattern after a star fails, only
 * that last star takes one item more: earlier stars never need to, so the
 * cost is at most the pattern's length times the items'.
 */
function wildcardMatch<P, T>(
  pattern: P[],
  items: T[],
  isStar: (p: P) => boolean,
  matches: (p: P, item: T) => boolean,
): boolean {
  let p = 0;
  let i = 0;
  let star = -1;
  let starItem = 0;
  while (i < items.length) {
    if (p < pattern.length && isStar(pattern[p])) {
      star = p++;
      starItem = i;
    } else if (p < pattern.length && matches(pattern[p], items[i])) {
      p++;
      i++;
    } else if (star >= 0) {
      p = star + 1;
      i = ++starItem;
    } else {
      return false;
    }
  }
  while (p < pattern.length && isStar(pattern[p])) p++;
  return p === pattern.length;
}
