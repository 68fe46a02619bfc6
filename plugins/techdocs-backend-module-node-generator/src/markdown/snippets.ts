import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { isInside } from '../output/paths';

/** A snippet line: `--8<-- "file.md"`, or a block's `--8<--` alone; `;` escapes. */
const SNIPPET_LINE =
  /^([ \t]*)(;*)(?:(-+8<-+[ \t]+)("(?:\\"|[^"\n\r])+?"|'(?:\\'|[^'\n\r])+?')(?![ \t])|-+8<-+(?![ \t]))\r?$/;
/**
 * `--8<-- [start:name]` / `[end:name]`, anywhere on its line (in a comment):
 * its `;` escapes, the marker and the section. The lookbehinds start a match
 * only where a run of `;` or `-` starts, so a long line of `-` is read once.
 */
const SECTION_MARK =
  /(?<!;)(?:(;+)|(?<!-))(-+8<-+[ \t]+)(\[[ \t]*(start|end)[ \t]*:[ \t]*([a-z][-_0-9a-z]*)[ \t]*\])/i;
/** A comma-separated part of a line range after the first: `20:25`, `-3`, `:4`. */
const RANGE_PART = /^-?[0-9]*(?::-?[0-9]*)?$/;
/** The first part of a line range: `:3`, `:3:10`, `::10`. */
const FIRST_RANGE_PART = /^(?::-?[0-9]*){1,2}$/;
const SECTION_SPEC = /^:([a-z][-_0-9a-z]*)$/i;
const MAX_DEPTH = 4;

/**
 * Counts a page's Markdown as its snippets are included. `add` throws the
 * limit's error as soon as the page, or the site, is over its limit.
 */
export type ExpansionBudget = {
  /** Counts `bytes` more of the page. */
  add(bytes: number): void;
  /** The most one page may hold: a larger snippet file is not even read. */
  maxPageBytes: number;
};

/** pymdownx.snippets' options from mkdocs.yml, as a build uses them. */
export type SnippetSettings = {
  /** The repository (the folder of mkdocs.yml): no snippet is read outside it. */
  repoDir: string;
  /** Absolute folders (or files) snippets are looked up in, in order. */
  basePaths: string[];
  /** Whether a snippet's path may leave the base path it is found in (within the repository). */
  restrictBasePath: boolean;
  /** A missing snippet stops the build, instead of a warning. */
  checkPaths: boolean;
  /** Snippets appended to every page. */
  autoAppend: string[];
  /** Common indentation removed from included lines and sections. */
  dedentSubsections: boolean;
};

/** What {@link includeSnippets} needs besides the page's text. */
export type SnippetOptions = SnippetSettings & {
  /** The page, as errors name it (relative to the repository). */
  file: string;
  budget: ExpansionBudget;
  /** Snippet files already read in this build, by path: each is read once. */
  cache: Map<string, string>;
  /** A build-log warning, naming its file and line. */
  warn(message: string): void;
  /** Lines of the page's file before `text` (its front matter), for warnings. */
  lineOffset?: number;
};

/**
 * The settings of mkdocs.yml's `pymdownx.snippets` entry: `base_path` (a
 * string or a list, relative to the repository, `.` when not set),
 * `check_paths`, `auto_append`, `restrict_base_path`, `dedent_subsections`.
 * Base paths out of the repository are ignored, with a warning; URLs are
 * never fetched (`url_download` is a warning).
 */
export function snippetSettings(
  options: Record<string, unknown>,
  repoDir: string,
  warn: (message: string) => void,
  /** The config file, as warnings name it. */
  configFile = 'mkdocs.yml',
): SnippetSettings {
  const strings = (value: unknown, fallback: string[]): string[] => {
    if (value === undefined || value === null) return fallback;
    const list = Array.isArray(value) ? value : [value];
    return list.filter((item): item is string => typeof item === 'string');
  };
  const root = path.resolve(repoDir);
  const basePaths = strings(options.base_path, ['.']).flatMap(base => {
    const full = path.resolve(root, base);
    if (isInside(root, full)) return [full];
    warn(
      `${configFile}: pymdownx.snippets base_path '${base}' is outside the docs repository and is ignored`,
    );
    return [];
  });
  if (options.url_download === true) {
    warn(
      `${configFile}: pymdownx.snippets url_download is not supported: snippets are never fetched from URLs, and nothing is included for them`,
    );
  }
  return {
    repoDir: root,
    basePaths,
    restrictBasePath: options.restrict_base_path !== false,
    checkPaths: options.check_paths === true,
    autoAppend: strings(options.auto_append, []),
    dedentSubsections: options.dedent_subsections === true,
  };
}

/** Where a snippet is named: a file and its 0-based line, or an auto_append entry. */
type Site = { file: string; line?: number; autoAppend?: boolean };

/**
 * pymdownx.snippets includes, resolved against the base paths and confined
 * to the repository, through symlinks too: `--8<-- "file.md"`, blocks of
 * file names between `--8<--` lines, line ranges and named sections, `;`
 * escapes, and `auto_append`. The page is counted line by line as it is
 * expanded, so four files of 32 includes each stop at the page's limit
 * instead of first growing into 32⁴ lines.
 */
export function includeSnippets(text: string, options: SnippetOptions): string {
  if (!text.includes('8<') && options.autoAppend.length === 0) {
    options.budget.add(Buffer.byteLength(text));
    return text;
  }
  const pieces: string[] = [];
  const push = (line: string) => {
    const piece = pieces.length === 0 ? line : `\n${line}`;
    options.budget.add(Buffer.byteLength(piece));
    pieces.push(piece);
  };
  const stack: string[] = [];
  for (const line of expand(
    text.split('\n'),
    options.file,
    options,
    stack,
    0,
    false,
    options.lineOffset,
  )) {
    push(line);
  }
  if (options.autoAppend.length > 0) {
    push('');
    options.autoAppend.forEach((name, i) => {
      if (i > 0) push('');
      const site = { file: options.file, autoAppend: true };
      for (const line of include('', name, site, options, stack, 0)) push(line);
    });
    push('');
  }
  return pieces.join('');
}

/** The lines of `lines` (of `file`) with their snippets included, as pymdownx's preprocessor. */
function* expand(
  lines: string[],
  file: string,
  options: SnippetOptions,
  stack: string[],
  depth: number,
  inSection: boolean,
  /** The 0-based line of `file` that `lines` start at. */
  firstLine = 0,
): Generator<string> {
  let block = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const snippet = SNIPPET_LINE.exec(line);
    if (snippet) {
      const [, indent, escape, inlineMarker, quoted] = snippet;
      if (escape) {
        yield line.replace(';', '');
      } else if (!inlineMarker) {
        block = !block;
      } else if (!block) {
        const target = quoted.slice(1, -1).trim();
        yield* include(
          indent,
          target,
          { file, line: firstLine + i },
          options,
          stack,
          depth,
        );
      }
      // An inline snippet inside a block is ignored, as in pymdownx.
      continue;
    }
    if (!block) {
      const mark = inSection ? undefined : sectionMark(line);
      if (!mark) yield line;
      else if (mark.escape) yield unescapedMark(mark);
      continue;
    }
    const indent = /^[ \t]*/.exec(line)![0];
    const target = line.trim();
    if (target)
      yield* include(
        indent,
        target,
        { file, line: firstLine + i },
        options,
        stack,
        depth,
      );
    else yield '';
  }
}

/** One snippet's lines, expanded in turn, with the snippet line's indent. */
function* include(
  rawIndent: string,
  spec: string,
  site: Site,
  options: SnippetOptions,
  stack: string[],
  depth: number,
): Generator<string> {
  if (spec.startsWith(';')) return;
  const { name, ranges, section } = snippetSpec(spec);
  const target = name.trim();
  const at = `${site.file}${
    site.line === undefined ? '' : `:${site.line + 1}`
  }`;
  const what = `${
    site.autoAppend ? 'auto_append snippet' : 'snippet'
  } '${spec}'`;
  if (/^https?:\/\//i.test(target)) {
    options.warn(
      `${at}: ${what} is a URL: snippets are never fetched from URLs, and nothing is included`,
    );
    return;
  }
  const found = target ? find(target, site.file, options) : undefined;
  if (!found) {
    missing(`${what} could not be found in the base paths`, at, site, options);
    return;
  }
  if (stack.includes(found)) {
    options.warn(`${at}: ${what} includes itself and is skipped`);
    return;
  }
  if (depth >= MAX_DEPTH) {
    throw new DocsBuildError(
      site.file,
      `snippet '${target}' nests more than ${MAX_DEPTH} deep`,
    );
  }
  let lines = fileLines(read(found, options));
  if (ranges) {
    lines = selectLines(lines, ranges);
  } else if (section) {
    const inside = sectionLines(lines, section);
    if (!inside) {
      missing(
        `${what}: section '${section}' could not be found`,
        at,
        site,
        options,
      );
      return;
    }
    lines = inside;
  }
  if ((ranges || section) && options.dedentSubsections) lines = dedent(lines);
  const indent = expandTabs(rawIndent);
  stack.push(found);
  try {
    const file = path
      .relative(options.repoDir, found)
      .split(path.sep)
      .join('/');
    for (const line of expand(
      lines,
      file,
      options,
      stack,
      depth + 1,
      !!section,
    )) {
      yield indent + line;
    }
  } finally {
    stack.pop();
  }
}

function missing(
  problem: string,
  at: string,
  site: Site,
  options: SnippetOptions,
) {
  if (options.checkPaths) {
    throw new DocsBuildError(site.file, `${problem} (check_paths is on)`);
  }
  options.warn(`${at}: ${problem}; nothing is included`);
}

/**
 * The snippet file `target` names: the first base path it is found in, as in
 * pymdownx (a base path that is a file matches its own name). A path out of
 * the repository, by its name or through a symlink, stops the build.
 */
function find(
  target: string,
  file: string,
  options: SnippetOptions,
): string | undefined {
  const leaves = `snippet '${target}' leaves the docs repository`;
  if (path.isAbsolute(target)) {
    throw new DocsBuildError(
      file,
      `${leaves} (absolute paths are not allowed)`,
    );
  }
  for (const base of options.basePaths) {
    const stat = statOf(base);
    if (!stat) continue;
    const dir = stat.isDirectory() ? base : path.dirname(base);
    const candidate = path.resolve(dir, target);
    if (!isInside(options.repoDir, candidate))
      throw new DocsBuildError(file, leaves);
    if (
      stat.isDirectory()
        ? options.restrictBasePath && !isInside(base, candidate)
        : candidate !== base
    ) {
      continue;
    }
    if (!statOf(candidate)?.isFile()) continue;
    if (
      !isInside(fs.realpathSync(options.repoDir), fs.realpathSync(candidate))
    ) {
      throw new DocsBuildError(file, `${leaves} through a symlink`);
    }
    return candidate;
  }
  return undefined;
}

function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function read(file: string, options: SnippetOptions): string {
  let text = options.cache.get(file);
  if (text === undefined) {
    const size = fs.statSync(file).size;
    if (size > options.budget.maxPageBytes) {
      // Over the page's limit whatever else the page holds: counting it
      // throws that limit's error, and the file is never read.
      options.budget.add(size);
    }
    text = fs.readFileSync(file, 'utf8');
    options.cache.set(file, text);
  }
  return text;
}

/** A file's lines, without line ends and without the empty line after a final newline. */
function fileLines(text: string): string[] {
  const lines = text
    .split('\n')
    .map(line => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Lines `3:10,20:25` (1-based, inclusive; either end may be left out). */
function selectLines(lines: string[], ranges: string): string[] {
  const total = lines.length;
  return ranges
    .slice(1)
    .split(',')
    .flatMap(range => {
      const [from, to] = range.split(':').map(n => (n ? Number(n) : undefined));
      const start = from === undefined ? 0 : lineIndex(from, total, 1);
      const end = to === undefined ? total : lineIndex(to, total, 0);
      return lines.slice(start, end);
    });
}

/**
 * Where a 1-based line number of a range puts the slice: `shift` is 1 for a
 * start (line 3 starts at index 2) and 0 for an end; negative numbers count
 * from the end, as in pymdownx.
 */
function lineIndex(n: number, total: number, shift: number): number {
  if (n >= 0) return Math.max(0, n - shift);
  return Math.min(Math.max(total + n + 1 - shift, 0), total);
}

/** The lines between `--8<-- [start:name]` and `--8<-- [end:name]`, or undefined without the start. */
function sectionLines(lines: string[], name: string): string[] | undefined {
  let inside: string[] | undefined;
  for (const line of lines) {
    const mark = sectionMark(line);
    if (!inside) {
      if (mark && mark.type === 'start' && mark.name === name) inside = [];
    } else if (!mark) {
      inside.push(line);
    } else if (mark.escape) {
      inside.push(unescapedMark(mark));
    } else if (mark.type === 'end' && mark.name === name) {
      break;
    }
    // Other sections' marks inside this one are left out.
  }
  return inside;
}

type SectionMark = {
  /** The line before the mark, its `;`s and the rest of the line. */
  before: string;
  escape: string;
  marker: string;
  after: string;
  type: 'start' | 'end';
  name: string;
};

/** The line's first section mark, as pymdownx finds it. */
function sectionMark(line: string): SectionMark | undefined {
  const match = line.includes('8<') ? SECTION_MARK.exec(line) : null;
  if (!match) return undefined;
  const [whole, escape = '', dashes, bracket, type, name] = match;
  return {
    before: line.slice(0, match.index),
    escape,
    marker: dashes + bracket,
    after: line.slice(match.index + whole.length),
    type: type.toLowerCase() as 'start' | 'end',
    name,
  };
}

/** An escaped section mark (`;--8<-- [start:x]`) as text, one `;` less. */
function unescapedMark(mark: SectionMark): string {
  return mark.before + mark.escape.slice(1) + mark.marker + mark.after;
}

/**
 * A snippet's file name and what of it is included: the shortest name after
 * which the rest is line ranges (`:3:10,20:25`) or a section (`:name`), as
 * pymdownx's pattern reads it. Done part by part: that pattern is quadratic
 * on a long chain of `:1,`.
 */
function snippetSpec(spec: string): {
  name: string;
  ranges?: string;
  section?: string;
} {
  // Line ranges are made of these characters only, so they can only be in
  // the spec's last run of them.
  let runStart = spec.length;
  while (runStart > 0 && /[-:,0-9]/.test(spec[runStart - 1])) runStart--;
  const parts = spec.slice(runStart).split(',');
  // Whether the parts after part i are all valid.
  const restValid: boolean[] = new Array(parts.length);
  restValid[parts.length - 1] = true;
  for (let i = parts.length - 2; i >= 0; i--) {
    restValid[i] =
      restValid[i + 1] && parts[i + 1] !== '' && RANGE_PART.test(parts[i + 1]);
  }
  let offset = runStart;
  let rangesAt: number | undefined;
  for (let i = 0; i < parts.length && rangesAt === undefined; i++) {
    const part = parts[i];
    if (restValid[i]) {
      // A first part holds one or two `:`, so only its last two can start it.
      const colons = [...part.matchAll(/:/g)].map(m => m.index!).slice(-2);
      const first = colons.find(c => FIRST_RANGE_PART.test(part.slice(c)));
      if (first !== undefined) rangesAt = offset + first;
    }
    offset += part.length + 1;
  }
  const lastColon = spec.lastIndexOf(':');
  const section =
    lastColon >= 0 ? SECTION_SPEC.exec(spec.slice(lastColon)) : null;
  if (section && (rangesAt === undefined || lastColon < rangesAt)) {
    return { name: spec.slice(0, lastColon), section: section[1] };
  }
  if (rangesAt !== undefined) {
    return { name: spec.slice(0, rangesAt), ranges: spec.slice(rangesAt) };
  }
  return { name: spec };
}

function dedent(lines: string[]): string[] {
  const indents = lines
    .filter(line => line.trim())
    .map(line => /^[ \t]*/.exec(line)![0]);
  if (indents.length === 0) return lines;
  let common = indents[0];
  for (const indent of indents) {
    while (!indent.startsWith(common)) common = common.slice(0, -1);
  }
  return lines.map(line => {
    if (line.startsWith(common)) return line.slice(common.length);
    return line.trim() ? line : '';
  });
}

/** Leading tabs as spaces to the next multiple of 4, as pymdownx (Python-Markdown's tab length). */
function expandTabs(indent: string): string {
  let out = '';
  for (const ch of indent)
    out += ch === '\t' ? ' '.repeat(4 - (out.length % 4)) : ch;
  return out;
}
