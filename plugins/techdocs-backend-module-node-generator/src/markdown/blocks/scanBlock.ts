import type { StateBlock } from 'markdown-it';

/** A `/// name | argument` block as it stands in the source, not yet validated. */
export type ScannedBlock = {
  name: string;
  /** After `|`, trimmed; undefined without a `|`. */
  argument?: string;
  /** The YAML options after the header, dedented. */
  yaml: string;
  /** The body's lines: [bodyStart, bodyEnd). */
  bodyStart: number;
  bodyEnd: number;
  /** The line after the closing fence (or the container's end without one). */
  next: number;
};

const HEADER = /^(\/{3,}) *([\w-]+) *(?:\| *(.*?) *)?$/;
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
export function blockHeader(state: StateBlock, line: number) {
  if (!atIndent(state, line)) return undefined;
  if (state.src.charCodeAt(state.bMarks[line] + state.tShift[line]) !== 0x2f) {
    return undefined;
  }
  const match = HEADER.exec(lineText(state, line));
  if (!match) return undefined;
  return { fence: match[1].length, name: match[2], argument: match[3] };
}

/**
 * The block whose header is on `startLine`: its options are the lines right
 * after the header indented by four spaces or more, its body runs to the
 * first closing fence of as many slashes outside fenced code, or to the end
 * of its container when there is none (as pymdownx.blocks reads it).
 */
export function scanBlock(
  state: StateBlock,
  startLine: number,
  endLine: number,
): ScannedBlock | undefined {
  const header = blockHeader(state, startLine);
  if (!header) return undefined;
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
  const bodyStart = line;
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
      return {
        name: header.name.toLowerCase(),
        argument: header.argument,
        yaml: dedent(yamlLines),
        bodyStart,
        bodyEnd: line,
        next: line + 1,
      };
    }
  }
  return {
    name: header.name.toLowerCase(),
    argument: header.argument,
    yaml: dedent(yamlLines),
    bodyStart,
    bodyEnd: line,
    next: line,
  };
}

/** The lines without the indent they all share, as YAML. */
function dedent(lines: string[]): string {
  const indent = Math.min(...lines.map(l => l.length - l.trimStart().length));
  return lines.map(l => l.slice(indent)).join('\n');
}
