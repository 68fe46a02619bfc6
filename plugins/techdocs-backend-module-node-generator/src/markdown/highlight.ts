import type { HLJSApi } from 'highlight.js';
import hljs from 'highlight.js/lib/core';
import bash from 'highlight.js/lib/languages/bash';
import css from 'highlight.js/lib/languages/css';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import markdown from 'highlight.js/lib/languages/markdown';
import plaintext from 'highlight.js/lib/languages/plaintext';
import python from 'highlight.js/lib/languages/python';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

// Loading all of highlight.js' ~190 languages takes a tenth of a second; the
// languages docs use most are registered up front and the full set is loaded
// the first time a page names another one.
const common = { bash, css, dockerfile, go, java, javascript, json, markdown };
const more = { plaintext, python, shell, sql, typescript, xml, yaml };
for (const [name, language] of Object.entries({ ...common, ...more })) {
  hljs.registerLanguage(name, language);
}

let everyLanguage: HLJSApi | undefined;

function apiFor(lang: string): HLJSApi | undefined {
  if (hljs.getLanguage(lang)) return hljs;
  everyLanguage ??= require('highlight.js') as HLJSApi;
  return everyLanguage.getLanguage(lang) ? everyLanguage : undefined;
}

/** Names that mean plain text, as Pygments' text lexer has them. */
const PLAIN_TEXT = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'none']);

/** The language's highlighted HTML, or undefined when highlight.js has no such language. */
export function highlight(code: string, lang: string): string | undefined {
  if (PLAIN_TEXT.has(lang.toLowerCase())) return undefined;
  const api = apiFor(lang.toLowerCase());
  if (!api) return undefined;
  return api.highlight(code, {
    language: lang.toLowerCase(),
    ignoreIllegals: true,
  }).value;
}

/**
 * The display name of a language, as pymdownx's `auto_title` writes it
 * (Pygments calls plain text "Text Only").
 */
export function languageTitle(lang: string): string {
  if (PLAIN_TEXT.has(lang.toLowerCase())) return 'Text Only';
  return (
    apiFor(lang.toLowerCase())?.getLanguage(lang.toLowerCase())?.name ??
    'Text Only'
  );
}

const TAG_OR_TEXT = /<span[^>]*>|<\/span>|[^<]+/g;

/**
 * Highlighted HTML (highlight.js writes only `<span class>`, `</span>` and
 * escaped text) cut into lines without their newline, each line closing the
 * spans still open at its end and reopening them on the next one, as
 * Pygments writes a token that spans lines: every line is balanced HTML, so
 * it can be wrapped (highlighted lines, line spans) on its own.
 */
export function splitHighlightedLines(html: string): string[] {
  const lines: string[] = [];
  const open: string[] = [];
  let line = '';
  for (const [piece] of html.matchAll(TAG_OR_TEXT)) {
    if (piece.startsWith('<span')) {
      open.push(piece);
      line += piece;
    } else if (piece === '</span>') {
      open.pop();
      line += piece;
    } else {
      const parts = piece.split('\n');
      line += parts[0];
      for (let i = 1; i < parts.length; i++) {
        lines.push(line + '</span>'.repeat(open.length));
        line = open.join('') + parts[i];
      }
    }
  }
  lines.push(line);
  return lines;
}
