import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSite } from '../worker/buildSite';
import { DEFAULT_BUILD_LIMITS } from '../worker/limits';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'techdocs-tabs-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Builds a one-page site and returns the page's HTML. */
function buildPage(markdown: string, mkdocsYml = 'site_name: Tabs\n'): string {
  const inputDir = path.join(root, 'repo');
  const outputDir = path.join(root, 'site');
  fs.mkdirSync(path.join(inputDir, 'docs'), { recursive: true });
  fs.writeFileSync(path.join(inputDir, 'mkdocs.yml'), mkdocsYml);
  fs.writeFileSync(path.join(inputDir, 'docs', 'index.md'), markdown);
  buildSite(
    {
      inputDir,
      outputDir,
      envAllowlist: [],
      env: {},
      limits: DEFAULT_BUILD_LIMITS,
    },
    { log: () => {}, page: () => {} },
  );
  return fs.readFileSync(path.join(outputDir, 'index.html'), 'utf8');
}

describe('content tabs in a built page', () => {
  it("keep their inputs and labels on a page whose raw HTML is sanitized, and the author's HTML is still sanitized", () => {
    const html = buildPage(
      [
        '<b onclick="alert(1)">raw</b> <input name="n" id="mine" type="radio">',
        '',
        '=== "One"',
        '    1',
        '',
        '=== "Two"',
        '    2',
        '',
      ].join('\n'),
    );
    expect(html).toContain(
      '<div class="tabbed-set tabbed-alternate" data-tabs="1:2"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" /><input id="__tabbed_1_2" name="__tabbed_1" type="radio" /><div class="tabbed-labels"><label for="__tabbed_1_1">One</label><label for="__tabbed_1_2">Two</label></div>',
    );
    expect(html).not.toContain('onclick');
    expect(html).not.toContain('name="n"');
  });

  it('keep their structure when the author gives the set attributes that are sanitized', () => {
    const html = buildPage(
      [
        '/// tab | One',
        '    attrs: {style: "color: red"}',
        '1',
        '///',
        '',
        '/// tab | Two',
        '2',
        '///',
        '',
        'After',
        '',
      ].join('\n'),
      'site_name: Tabs\nmarkdown_extensions: [pymdownx.blocks.tab]\n',
    );
    const article = html.slice(
      html.indexOf('<article'),
      html.indexOf('</article>'),
    );
    expect(article).toContain(
      '<div class="tabbed-set tabbed-alternate"><input checked="checked" id="__tabbed_1_1" name="__tabbed_1" type="radio" />',
    );
    expect(article).not.toContain('color: red');
    expect(article).toContain('<p>2</p>\n</div>\n</div>\n</div>\n<p>After</p>');
    // The sanitizer closes what it sees open: an extra </div> would end the article early
    expect(article.match(/<div[ >]/g)?.length).toBe(
      article.match(/<\/div>/g)?.length,
    );
  });
});
