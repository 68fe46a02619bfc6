import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { resolveInside } from '../output/paths';

const SNIPPET = /^([ \t]*)-{1,}8<-{1,}[ \t]+"([^"]+)"[ \t]*$/gm;
const MAX_DEPTH = 4;

/**
 * pymdownx.snippets-style includes (`--8<-- "file.md"`), resolved against the
 * docs folder and confined to it.
 */
export function includeSnippets(
  text: string,
  options: { docsDir: string; file: string; depth?: number },
): string {
  const depth = options.depth ?? 0;
  return text.replace(SNIPPET, (_line, indent: string, target: string) => {
    const file = resolveInside(options.docsDir, options.docsDir, target, {
      file: options.file,
      what: 'snippet',
    });
    if (!fs.existsSync(file)) {
      throw new DocsBuildError(
        options.file,
        `snippet '${target}' does not exist in the docs folder`,
      );
    }
    if (depth >= MAX_DEPTH) {
      throw new DocsBuildError(
        options.file,
        `snippet '${target}' nests more than ${MAX_DEPTH} deep`,
      );
    }
    const included = includeSnippets(fs.readFileSync(file, 'utf8'), {
      ...options,
      file: path.relative(options.docsDir, file),
      depth: depth + 1,
    });
    return included
      .replace(/\n$/, '')
      .split('\n')
      .map(l => indent + l)
      .join('\n');
  });
}
