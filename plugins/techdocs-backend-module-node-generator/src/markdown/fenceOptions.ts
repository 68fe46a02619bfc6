/**
 * What a fence's info string says, as pymdownx.superfences reads it: either
 * a language and options (```` ``` py title="a.py" linenums="1" ````) or an
 * attribute list (```` ``` { .yaml .no-copy #id linenums="1" } ````), whose
 * first class is the language.
 */
export type FenceInfo = {
  lang: string;
  /** Classes after the language (attribute-list form only). */
  classes: string[];
  id?: string;
  title?: string;
  /** `linenums="start step special"`. */
  linenums?: { start: number; step: number; special: number };
  /** `hl_lines="2 3-5"`: ranges of 1-based lines, whatever `linenums` starts at. */
  hlLines: Array<[number, number]>;
  /** `data-*` attributes (attribute-list form), which go on the wrapper. */
  data: Array<[string, string]>;
  /** Options pymdownx would not accept, as written (`foo="x"`). */
  rejected: string[];
};

const LANG_AND_OPTIONS =
  /^\.?([\w#.+-]*)[ \t]*((?:\b[a-zA-Z][a-zA-Z0-9_]*(?:=(?:"[^"]*"|'[^']*'))?[ \t]*)*)$/;
const OPTION = /([a-zA-Z][a-zA-Z0-9_]*)(?:=(?:"([^"]*)"|'([^']*)'))?/g;
const ATTR_LIST = /^\{([^}\n]*)\}$/;
const ATTR =
  /([#.])([^\s#.="'{}]+)|([^\s=}]+)=(?:"([^"]*)"|'([^']*)'|([^\s}]*))|([^\s=}]+)/g;
const HL_LINES = /^\d+(?:-\d+)?(?:[ \t]+\d+(?:-\d+)?)*$/;
const LINENUMS = /^(\d+)(?:[ \t]+(\d+))?(?:[ \t]+(\d+))?/;
const DATA_NAME = /^data-[a-z0-9_.-]+$/i;

/** Reads a fence's info string (markdown-it's `token.info`). */
export function parseFenceInfo(info: string): FenceInfo {
  const result: FenceInfo = {
    lang: '',
    classes: [],
    hlLines: [],
    data: [],
    rejected: [],
  };
  const text = info.trim();
  const braces = ATTR_LIST.exec(text);
  const values: Array<[string, string, string]> = [];
  if (braces) {
    for (const m of braces[1].matchAll(ATTR)) {
      if (m[1] === '#') result.id = m[2];
      else if (m[1] === '.') result.classes.push(m[2]);
      else if (m[3] !== undefined) {
        values.push([m[3], m[4] ?? m[5] ?? m[6] ?? '', m[0]]);
      } else if (m[7]) values.push([m[7], m[7], m[0]]);
    }
    result.lang = result.classes.shift() ?? '';
  } else {
    const m = LANG_AND_OPTIONS.exec(text);
    if (!m) {
      // Not superfences' grammar (an unquoted value, say): the first word is
      // taken as the language and the rest is reported.
      const [lang = '', ...rest] = text.split(/\s+/);
      result.lang = lang.replace(/^\./, '');
      if (rest.length) result.rejected.push(rest.join(' '));
      return result;
    }
    result.lang = m[1];
    for (const o of m[2].matchAll(OPTION)) {
      values.push([o[1], o[2] ?? o[3] ?? o[1], o[0]]);
    }
  }
  for (const [key, value, written] of values) {
    if (!applyOption(result, key, value)) {
      if (braces && DATA_NAME.test(key)) result.data.push([key, value]);
      else result.rejected.push(written);
    }
  }
  return result;
}

function applyOption(info: FenceInfo, key: string, value: string): boolean {
  if (key === 'title') {
    info.title = value;
    return true;
  }
  if (key === 'linenums') {
    const m = LINENUMS.exec(value);
    if (!m) return false;
    info.linenums = {
      start: Number(m[1]),
      step: m[2] ? Number(m[2]) : 1,
      special: m[3] ? Number(m[3]) : -1,
    };
    return true;
  }
  if (key === 'hl_lines') {
    if (!HL_LINES.test(value)) return false;
    for (const entry of value.split(/[ \t]+/)) {
      const [from, to] = entry.split('-').map(Number);
      info.hlLines.push([from, to ?? from]);
    }
    return true;
  }
  return false;
}
