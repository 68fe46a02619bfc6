import type { StateBlock } from 'markdown-it';

/** A `/// name | argument` header line. */
export type BlockHeader = {
  /** How many slashes open it: the closing fence has as many. */
  fence: number;
  name: string;
  /** After `|`, trimmed; undefined without a `|`. */
  argument?: string;
};

/** A block's YAML options: the lines right after its header, dedented. */
export type BlockOptionLines = {
  yaml: string;
  /** The line its body starts on. */
  bodyStart: number;
};

/** Where a block's body ends: its lines are [bodyStart, bodyEnd). */
export type BlockBody = {
  bodyEnd: number;
  /** The line after the closing fence (or the container's end without one). */
  next: number;
};

/** A `/// name | argument` block as it stands in the source. */
export type ScannedBlock = {
  name: string;
  argument?: string;
} & BlockOptionLines &
  BlockBody;

// The argument is trimmed in code: `(.*?) *$` retries ` *$` at each character.
const HEADER = /^(\/{3,}) *([\w-]+) *(?:\| *(.*))?$/;
const END = /^(\/{3,}) *$/;
const FENCE = /^(`{3,}|~{3,})/;
const CLOSING_FENCE = /^(`{3,}|~{3,}) *$/;

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(
    state.bMarks[line] + state.tShift[line],
    state.eMarks[line],
  );
}

/** Whether `line` is at the container's indent (less than 4 spaces more). */
function atIndent(state: StateBlock, line: number): boolean {
  return state.sCount[line] - state.blkIndent < 4;
}

/** The block name and slashes of a header line, or undefined. */
export function blockHeader(
  state: StateBlock,
  line: number,
): BlockHeader | undefined {
  if (!atIndent(state, line)) return undefined;
  if (state.src.charCodeAt(state.bMarks[line] + state.tShift[line]) !== 0x2f) {
    return undefined;
  }
  const match = HEADER.exec(lineText(state, line));
  if (!match) return undefined;
  const argument = match[3] === undefined ? undefined : trimSpaces(match[3]);
  return { fence: match[1].length, name: match[2], argument };
}

/** Options are the lines right after the header indented by four spaces or more. */
export function blockOptionLines(
  state: StateBlock,
  startLine: number,
  endLine: number,
): BlockOptionLines {
  let line = startLine + 1;
  const yamlLines: string[] = [];
  while (
    line < endLine &&
    !state.isEmpty(line) &&
    state.sCount[line] - state.blkIndent >= 4
  ) {
    yamlLines.push(state.src.slice(state.bMarks[line], state.eMarks[line]));
    line++;
  }
  return { yaml: dedent(yamlLines), bodyStart: line };
}

/**
 * A block's body runs to the first closing fence of as many slashes outside
 * fenced code, or to the end of its container when there is none (as
 * pymdownx.blocks reads it). Scanned only for a block that is rendered: one
 * that stays text must not cost a scan to the end of the page per header.
 */
export function blockBody(
  state: StateBlock,
  header: BlockHeader,
  bodyStart: number,
  endLine: number,
): BlockBody {
  let line = bodyStart;
  let fence: string | undefined;
  for (; line < endLine; line++) {
    // A line less indented than the container (a list item's) ends it
    if (!state.isEmpty(line) && state.sCount[line] < state.blkIndent) break;
    if (!atIndent(state, line)) continue;
    const text = lineText(state, line);
    if (fence) {
      const closing = CLOSING_FENCE.exec(text);
      if (
        closing &&
        closing[1][0] === fence[0] &&
        closing[1].length >= fence.length
      ) {
        fence = undefined;
      }
      continue;
    }
    const opening = FENCE.exec(text);
    if (opening) {
      fence = opening[1];
      continue;
    }
    const end = END.exec(text);
    if (end && end[1].length === header.fence) {
      return { bodyEnd: line, next: line + 1 };
    }
  }
  return { bodyEnd: line, next: line };
}

/** `text` without the spaces it starts and ends with. */
function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text.charCodeAt(start) === 0x20) start++;
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--;
  return text.slice(start, end);
}

/** The lines without the indent they all share, as YAML. */
function dedent(lines: string[]): string {
  let indent = Infinity;
  for (const l of lines) {
    indent = Math.min(indent, l.length - l.trimStart().length);
  }
  return lines.map(l => l.slice(indent)).join('\n');
}
