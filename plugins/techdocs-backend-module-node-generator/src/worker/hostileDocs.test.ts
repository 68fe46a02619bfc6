import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from './buildSite';
import { DEFAULT_BUILD_LIMITS } from './limits';

/** The hostile site the browser test opens (packages/app/e2e-tests/hostileDocs.test.ts). */
const FIXTURE = path.resolve(
  __dirname,
  '../../../../packages/backend/e2e-tests/fixtures/hostile-docs',
);

let outputDir: string;
const log: string[] = [];

beforeAll(() => {
  outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hostile-docs-'));
  buildSite(
    {
      inputDir: FIXTURE,
      outputDir,
      envAllowlist: [],
      env: {},
      limits: DEFAULT_BUILD_LIMITS,
    },
    { log: line => log.push(line), page: () => {} },
  );
});
afterAll(() => fs.rmSync(outputDir, { recursive: true, force: true }));

function pages(dir = outputDir): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pages(full);
    return entry.name.endsWith('.html') ? [full] : [];
  });
}

/** Every opening tag of `html` with its attributes, as a browser would read them. */
function tags(html: string) {
  const found: Array<{ tag: string; attrs: Array<[string, string]> }> = [];
  for (const [, tag, rest] of html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const attrs: Array<[string, string]> = [];
    for (const m of rest.matchAll(
      /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g,
    )) {
      attrs.push([m[1].toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '']);
    }
    found.push({ tag: tag.toLowerCase(), attrs });
  }
  return found;
}

describe('the hostile docs fixture', () => {
  it('builds every page', () => {
    const built = pages().map(p => path.relative(outputDir, p));
    expect(built).toEqual(
      expect.arrayContaining([
        'index.html',
        'raw/index.html',
        'attributes/index.html',
      ]),
    );
  });

  it('writes no event handler, script element, script URL or covering style on any page', () => {
    const carriers: string[] = [];
    for (const file of pages()) {
      for (const { tag, attrs } of tags(fs.readFileSync(file, 'utf8'))) {
        if (
          ['script', 'iframe', 'object', 'embed', 'base', 'form'].includes(tag)
        ) {
          carriers.push(`${file}: <${tag}>`);
        }
        for (const [name, value] of attrs) {
          // eslint-disable-next-line no-control-regex
          const url = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
          if (
            name.startsWith('on') ||
            name === 'srcdoc' ||
            name === 'formaction' ||
            (name === 'style' &&
              !/^text-align:(left|right|center);?$/.test(url)) ||
            /^(javascript|vbscript):/.test(url)
          ) {
            carriers.push(`${file}: <${tag} ${name}="${value}">`);
          }
        }
      }
    }
    expect(carriers).toEqual([]);
  });

  it('warns about the options it does not write', () => {
    expect(log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/`line_anchors` is not an id prefix/),
        expect.stringMatching(/`line_spans` is not an id prefix/),
        expect.stringMatching(/the `style` attribute is dropped/),
      ]),
    );
  });
});
