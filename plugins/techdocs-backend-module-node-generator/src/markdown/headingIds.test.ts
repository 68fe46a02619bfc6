import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('heading ids', () => {
  it('numbers repeated headings as Python-Markdown does: usage, usage_1, usage_2', () => {
    const { html, toc } = renderMarkdown(
      '## Usage\n\n## Usage\n\n## Usage\n\n## Step_1\n\n## Step_1\n',
    );
    expect(toc.map(entry => entry.id)).toEqual([
      'usage',
      'usage_1',
      'usage_2',
      'step_1',
      'step_2',
    ]);
    expect(html).toContain('<h2 id="usage_1">Usage</h2>');
  });

  it('keeps ids given with attr_list, and slugs never take an id used elsewhere on the page', () => {
    const { html } = renderMarkdown(
      '## Intro\n\nText\n{: #intro }\n\n## Other { #intro-x }\n\n## Intro x\n',
    );
    expect(html).toContain('<h2 id="intro_1">Intro</h2>');
    expect(html).toContain('<p id="intro">Text</p>');
    expect(html).toContain('<h2 id="intro-x">Other</h2>');
    expect(html).toContain('<h2 id="intro-x_1">Intro x</h2>');
  });

  it('keeps a repeated attr_list id as written instead of failing the page', () => {
    const { html } = renderMarkdown('## A { #same }\n\n## B { #same }\n');
    expect(html).toBe('<h2 id="same">A</h2>\n<h2 id="same">B</h2>\n');
  });

  it("makes slugs of the heading's text, code and keys, as Python-Markdown does", () => {
    const { html } = renderMarkdown(
      '## Press ++ctrl+alt+del++ in `vim` :smile:\n',
      ['pymdownx.keys'],
    );
    expect(html).toMatch(/^<h2 id="press-ctrlaltdel-in-vim">/);
  });

  it("adds toc's permalinks as Python-Markdown writes them, outside the table of contents", () => {
    const { html, toc } = renderMarkdown('# Title\n\n## Part { #p }\n', [
      { name: 'toc', options: { permalink: true } },
    ]);
    expect(html).toBe(
      '<h1 id="title">Title<a class="headerlink" href="#title" title="Permanent link">&para;</a></h1>\n' +
        '<h2 id="p">Part<a class="headerlink" href="#p" title="Permanent link">&para;</a></h2>\n',
    );
    expect(toc).toEqual([{ level: 2, id: 'p', title: 'Part' }]);
  });

  it('follows the permalink text, title and placement options', () => {
    const { html } = renderMarkdown('## A <b>\n', [
      {
        name: 'toc',
        options: {
          permalink: '#<',
          permalink_title: 'Link "here"',
          permalink_leading: true,
        },
      },
    ]);
    expect(html).toContain(
      '<h2 id="a"><a class="headerlink" href="#a" title="Link &quot;here&quot;">#&lt;</a>A <b></h2>',
    );
  });

  it('adds no permalink unless toc asks for it', () => {
    expect(renderMarkdown('## A\n').html).toBe('<h2 id="a">A</h2>\n');
  });
});
