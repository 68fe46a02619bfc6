/**
 * Patterns as gitignore writes them, as MkDocs reads `exclude_docs` and
 * `not_in_nav` (pathspec's gitwildmatch): one a line, `#` comments, `!` to
 * take a path back, `/` at the start to anchor to the docs folder, `/` at
 * the end for folders only, `*`, `?`, `[...]` and `**`. The last pattern that
 * matches a path decides.
 *
 * @returns whether a file (its path in the docs folder, `a/b.md`) matches
 */
export function gitignoreMatcher(text: string): (file: string) => boolean {
  const rules = text
    .split(/\r?\n/)
    .map(line => line.replace(/(?<!\\)\s+$/, ''))
    .filter(line => line && !line.startsWith('#'))
    .map(compile);
  if (!rules.length) return () => false;
  return file => {
    let matched = false;
    for (const rule of rules) {
      if (rule.negate === matched && rule.regex.test(file)) {
        matched = !rule.negate;
      }
    }
    return matched;
  };
}

function compile(line: string): { negate: boolean; regex: RegExp } {
  let pattern = line;
  const negate = pattern.startsWith('!');
  if (negate) pattern = pattern.slice(1);
  if (pattern.startsWith('\\')) pattern = pattern.slice(1);
  const dirOnly = pattern.endsWith('/');
  if (dirOnly) pattern = pattern.slice(0, -1);
  // A slash anywhere but at the end anchors the pattern to the docs folder.
  const anchored = pattern.includes('/');
  if (pattern.startsWith('/')) pattern = pattern.slice(1);

  let body = '';
  const segments = pattern.split('/');
  segments.forEach((segment, i) => {
    const last = i === segments.length - 1;
    if (segment === '**') {
      // `**/x`, `a/**/x`: any number of folders; `a/**`: everything in a.
      body += last ? '.*' : '(?:[^/]*/)*';
      return;
    }
    body += translate(segment) + (last ? '' : '/');
  });
  // What matches a folder matches every file in it.
  const tail = dirOnly ? '/.*' : '(?:/.*)?';
  const regex = new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}${tail}$`);
  return { negate, regex };
}

function translate(segment: string): string {
  let out = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '\\' && i + 1 < segment.length) {
      out += escapeRegex(segment[++i]);
    } else if (c === '*') {
      while (segment[i + 1] === '*') i++;
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const end = segment.indexOf(']', i + 2);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      let set = segment.slice(i + 1, end).replace(/\\/g, '\\\\');
      if (set.startsWith('!')) set = `^${set.slice(1)}`;
      out += `[${set}]`;
      i = end;
    } else {
      out += escapeRegex(c);
    }
  }
  return out;
}

function escapeRegex(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
