import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { resolvePackagePath } from '@backstage/backend-plugin-api';

const assets = resolvePackagePath(
  '@internal/plugin-techdocs-backend-module-node-generator',
  'assets',
);
const featuresDir = path.join(assets, 'features');

/**
 * The stylesheet every built site links: the Material layout base the reader's
 * styles build on, highlight.js' GitHub theme for code blocks, and the styles
 * of each Markdown feature (`assets/features/<feature>.css`: tabs, code
 * annotations, keys...), which the reader does not have.
 */
export const DOCS_STYLESHEET = [
  fs.readFileSync(path.join(assets, 'greenroom-docs.css'), 'utf8'),
  fs.readFileSync(require.resolve('highlight.js/styles/github.css'), 'utf8'),
  ...(fs.existsSync(featuresDir) ? fs.readdirSync(featuresDir) : [])
    .filter(name => name.endsWith('.css'))
    .sort()
    .map(name => fs.readFileSync(path.join(featuresDir, name), 'utf8')),
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
