import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { mockServices } from '@backstage/backend-test-utils';
import { NodeTechdocsGenerator } from '@internal/plugin-techdocs-backend-module-node-generator';

const handbookDir = path.resolve(__dirname, '../..');
const docsDir = path.join(handbookDir, 'docs');
/** The same include syntax the generator resolves: a line of its own. */
const INCLUDE = /^[ \t]*-{1,}8<-{1,}[ \t]+"([^"]+)"[ \t]*$/gm;

const pages = fs
  .readdirSync(docsDir)
  .filter(name => name.endsWith('.md'))
  .sort();
const includesOf = (page: string) =>
  [...fs.readFileSync(path.join(docsDir, page), 'utf8').matchAll(INCLUDE)].map(
    m => m[1],
  );

/** The text of a built page, without its tags, as a reader sees it. */
function textOf(html: string) {
  return html
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('the Extending Greenroom handbook', () => {
  const outputDir = fs.mkdtempSync(path.join(os.tmpdir(), 'handbook-'));
  const log: string[] = [];
  afterAll(() => fs.rmSync(outputDir, { recursive: true, force: true }));

  // Built once, by the first test that needs the site; a failed build fails
  // those tests with its reason and leaves the include checks to say which.
  let built: Promise<void> | undefined;
  const build = () => {
    const logStream = new PassThrough();
    logStream.on('data', chunk =>
      log.push(...String(chunk).split('\n').filter(Boolean)),
    );
    built ??= new NodeTechdocsGenerator().run({
      inputDir: handbookDir,
      outputDir,
      logger: mockServices.logger.mock() as any,
      logStream,
    });
    return built;
  };

  it.each(pages.filter(p => p !== 'index.md'))(
    '%s shows its example by including files of the examples',
    page => {
      const includes = includesOf(page);
      expect(includes.length).toBeGreaterThan(0);
      for (const include of includes) {
        expect(include).toMatch(/^examples\/[^/]+\//);
      }
    },
  );

  it.each(pages.flatMap(page => includesOf(page).map(i => [page, i])))(
    '%s includes %s, which exists',
    (_page, include) => {
      expect(fs.existsSync(path.join(docsDir, include))).toBe(true);
    },
  );

  it('builds with the Node generator without a warning or an error', async () => {
    await build();
    expect(log.filter(line => !line.startsWith('INFO '))).toEqual([]);
    expect(log).toContainEqual(
      expect.stringMatching(/^INFO Built \d+ pages of 'Extending Greenroom'/),
    );
  });

  it.each(pages)(
    '%s is built with the full text of every file it includes',
    async page => {
      await build();
      const url = page === 'index.md' ? '' : `${page.replace(/\.md$/, '')}/`;
      const text = textOf(
        fs.readFileSync(path.join(outputDir, url, 'index.html'), 'utf8'),
      );
      for (const include of includesOf(page)) {
        const source = fs.readFileSync(path.join(docsDir, include), 'utf8');
        expect(text).toContain(source.trimEnd());
      }
    },
  );
});
