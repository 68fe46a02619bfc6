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

/** The language's highlighted HTML, or undefined when highlight.js has no such language. */
export function highlight(code: string, lang: string): string | undefined {
  let api: HLJSApi = hljs;
  if (!hljs.getLanguage(lang)) {
    everyLanguage ??= require('highlight.js') as HLJSApi;
    if (!everyLanguage.getLanguage(lang)) return undefined;
    api = everyLanguage;
  }
  return api.highlight(code, { language: lang, ignoreIllegals: true }).value;
}
