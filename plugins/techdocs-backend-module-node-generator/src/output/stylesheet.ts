import fs from 'node:fs';
import { createHash } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

/**
 * The stylesheet every built site links: the Material layout base the reader's
 * styles build on, and highlight.js' GitHub theme for code blocks.
 */
export const DOCS_STYLESHEET = [
  fs.readFileSync(
    resolvePackagePath(
      '@internal/plugin-techdocs-backend-module-node-generator',
      'assets/greenroom-docs.css',
    ),
    'utf8',
  ),
  fs.readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8'),
].join('\n');

/**
 * Where sites keep it. The reader only keeps stylesheets named like
 * Material's own (`main.<8 hex digits>.min.css`), so it is named that way.
 */
export const DOCS_STYLESHEET_PATH = `assets/stylesheets/main.${createHash(
  'sha256',
)
  .update(DOCS_STYLESHEET)
  .digest('hex')
  .slice(0, 8)}.min.css`;
