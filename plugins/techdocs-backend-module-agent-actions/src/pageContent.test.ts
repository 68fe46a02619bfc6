import { pageContent } from './pageContent';

const PAGE = `<!doctype html>
<html><head><title>Runbook - Payments</title><script>alert(1)</script></head>
<body>
<nav class="md-nav"><a href="../">Home</a><a href="../architecture/">Architecture</a></nav>
<div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
<a href="https://example.com/edit" title="Edit this page" class="md-content__button md-icon">Edit</a>
<h1 id="runbook">Runbook<a class="headerlink" href="#runbook" title="Permanent link">&para;</a></h1>
<p>When <strong>payments</strong> fail, read <a href="../architecture/">the architecture</a>.</p>
<h2 id="restart">Restart<a class="headerlink" href="#restart">&para;</a></h2>
<div class="language-bash highlight"><pre><span></span><code><span class="n">kubectl</span> rollout restart deploy/payments &amp;&amp; echo ok
</code></pre></div>
<table><thead><tr><th>Alert</th><th>Action</th></tr></thead>
<tbody><tr><td><code>5xx</code></td><td>Restart</td></tr></tbody></table>
<ul><li>one</li><li>two</li></ul>
<ol><li><p>Force it:</p><div class="language-bash highlight"><pre><span></span><code>kubectl a \\
  --b
</code></pre></div></li></ol>
</article>
</div>
<footer>Made with Material</footer>
</body></html>`;

describe('pageContent', () => {
  it("gives the article as Markdown: headings, emphasis, links, code, tables and lists, without the site's chrome", () => {
    const { title, content } = pageContent(PAGE, 'markdown');
    expect(title).toBe('Runbook');
    expect(content).toContain('# Runbook');
    expect(content).toContain('## Restart');
    expect(content).toContain(
      'When **payments** fail, read [the architecture](../architecture/).',
    );
    expect(content).toContain(
      '```bash\nkubectl rollout restart deploy/payments && echo ok\n```',
    );
    expect(content).toMatch(
      /\| Alert \| Action +\|\n\| -+ \| -+ \|\n\| `5xx` +\| Restart \|/,
    );
    expect(content).toMatch(/\* one\n\* two/);
    // code in a list item: its lines as written, without the list's hard breaks
    expect(content).toContain('```bash\nkubectl a \\\n  --b\n```');
    for (const chrome of [
      '¶',
      'Edit',
      'Home',
      'alert(1)',
      'Made with Material',
    ]) {
      expect(content).not.toContain(chrome);
    }
  });

  it('gives the article as plain text, a block a line', () => {
    const { content } = pageContent(PAGE, 'text');
    expect(content).toBe(
      [
        'Runbook',
        '',
        'When payments fail, read the architecture.',
        '',
        'Restart',
        '',
        'kubectl rollout restart deploy/payments && echo ok',
        '',
        'Alert\tAction',
        '',
        '5xx\tRestart',
        '',
        'one',
        '',
        'two',
        '',
        'Force it:',
        '',
        'kubectl a \\',
        '  --b',
      ].join('\n'),
    );
  });

  it('falls back to main, then the body, when the page is not laid out as MkDocs Material', () => {
    expect(
      pageContent(
        '<html><body><main><h1>Hi</h1><p>There</p></main><p>Out</p></body></html>',
        'text',
      ),
    ).toEqual({ title: 'Hi', content: 'Hi\n\nThere' });
    expect(
      pageContent(
        '<html><head><title>T</title></head><body><p>Just text</p></body></html>',
        'markdown',
      ),
    ).toEqual({ title: 'T', content: 'Just text' });
  });
});
