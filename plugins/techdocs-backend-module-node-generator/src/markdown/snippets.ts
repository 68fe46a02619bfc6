import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { resolveInside } from '../output/paths';

const SNIPPET = /^([ \t]*)-{1,}8<-{1,}[ \t]+"([^"]+)"[ \t]*$/gm;
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

/** What {@link includeSnippets} needs besides the page's text. */
export type SnippetOptions = {
  docsDir: string;
  /** The page, as errors name it. */
  file: string;
  budget: ExpansionBudget;
  /** Snippet files already read in this build, by path: each is read once. */
  cache: Map<string, string>;
};

/**
 * pymdownx.snippets-style includes (`--8<-- "file.md"`), resolved against the
 * docs folder and confined to it. The page is counted piece by piece as it is
 * expanded, so four files of 32 includes each stop at the page's limit
 * instead of first growing into 32⁴ lines.
 */
export function includeSnippets(text: string, options: SnippetOptions): string {
  const pieces: string[] = [];
  for (const piece of expand(text, options, options.file, 0)) {
    if (!piece) continue;
    options.budget.add(Buffer.byteLength(piece));
    pieces.push(piece);
  }
  return pieces.join('');
}

/** The text with every snippet line replaced by the snippet, in pieces. */
function* expand(
  text: string,
  options: SnippetOptions,
  file: string,
  depth: number,
): Generator<string> {
  let last = 0;
  for (const match of text.matchAll(SNIPPET)) {
    yield text.slice(last, match.index);
    yield* snippet(match[1], match[2], options, file, depth);
    last = match.index + match[0].length;
  }
  yield text.slice(last);
}

/**
 * One included file, expanded in turn, without its final newline and with the
 * snippet line's indent at the start of each of its lines.
 */
function* snippet(
  indent: string,
  target: string,
  options: SnippetOptions,
  file: string,
  depth: number,
): Generator<string> {
  const included = resolveInside(options.docsDir, options.docsDir, target, {
    file,
    what: 'snippet',
  });
  if (!fs.existsSync(included)) {
    throw new DocsBuildError(
      file,
      `snippet '${target}' does not exist in the docs folder`,
    );
  }
  if (depth >= MAX_DEPTH) {
    throw new DocsBuildError(
      file,
      `snippet '${target}' nests more than ${MAX_DEPTH} deep`,
    );
  }
  const source = read(included, options);
  yield indent;
  // A newline is held back until more follows, so that the last one is dropped.
  let newlineHeld = false;
  for (const piece of expand(
    source,
    options,
    path.relative(options.docsDir, included),
    depth + 1,
  )) {
    if (!piece) continue;
    if (newlineHeld) yield `\n${indent}`;
    newlineHeld = piece.endsWith('\n');
    const body = newlineHeld ? piece.slice(0, -1) : piece;
    yield indent ? body.replaceAll('\n', `\n${indent}`) : body;
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
