import { renderMarkdown } from './__testUtils__/renderMarkdown';

const ARITHMATEX = [
  { name: 'pymdownx.arithmatex', options: { generic: true } },
];
const MATHML = '<math xmlns="http://www.w3.org/1998/Math/MathML"';

describe('pymdownx.arithmatex', () => {
  it('renders $…$ and \\(…\\) inline as KaTeX MathML in span.arithmatex', () => {
    const { html } = renderMarkdown(
      'Area $x^2$ and \\(\\frac{a}{b}\\).\n',
      ARITHMATEX,
    );
    expect(html).toBe(
      `<p>Area <span class="arithmatex"><span class="katex">${MATHML}><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math></span></span>` +
        ` and <span class="arithmatex"><span class="katex">${MATHML}><mrow><mfrac><mi>a</mi><mi>b</mi></mfrac></mrow></math></span></span>.</p>\n`,
    );
  });

  it('renders $$…$$, \\[…\\] and \\begin{env} blocks in display mode in div.arithmatex', () => {
    const { html } = renderMarkdown(
      '$$\nE = mc^2\n$$\n\n\\[ a \\]\n\n\\begin{align}\na &= b\n\\end{align}\n',
      ARITHMATEX,
    );
    const blocks = html.split('\n').filter(Boolean);
    expect(blocks).toHaveLength(3);
    for (const block of blocks) {
      expect(block).toMatch(
        new RegExp(
          `^<div class="arithmatex"><span class="katex">${MATHML} display="block">.*</math></span></div>$`,
        ),
      );
    }
    expect(blocks[0]).toContain('<mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>');
    expect(blocks[2]).toContain('<mtable');
  });

  it('writes no script, and no TeX source the reader would show twice', () => {
    const { html } = renderMarkdown(
      '$a<b$ and $$\\text{<script>}$$\n',
      ARITHMATEX,
    );
    expect(html).not.toMatch(/<script|<annotation|<semantics/);
    expect(html).toContain('<mo>&lt;</mo>');
  });

  it('follows the smart-dollar rule: prices and spaced dollars stay text', () => {
    const { html } = renderMarkdown(
      'It costs $5 and $10, or $ x $, $ y$, $z $, or \\$y\\$.\n',
      ARITHMATEX,
    );
    expect(html).toBe(
      '<p>It costs $5 and $10, or $ x $, $ y$, $z $, or $y$.</p>\n',
    );
  });

  it('shows TeX KaTeX cannot read as code, with a warning', () => {
    const { html, warnings } = renderMarkdown(
      'Fine.\n\nBad $\\frac{a$ here.\n\n$$\n\\nosuchmacro{x}\n$$\n',
      ARITHMATEX,
    );
    expect(html).toBe(
      '<p>Fine.</p>\n<p>Bad <code>$\\frac{a$</code> here.</p>\n<code>$$\n\\nosuchmacro{x}\n$$</code>\n',
    );
    expect(warnings).toEqual([
      'docs/page.md:3: math (pymdownx.arithmatex) that KaTeX cannot read is shown as code (and 1 more on this page)',
    ]);
  });

  it('keeps a paragraph of 300,000 unclosed `\\(` as text', () => {
    const { html } = renderMarkdown(`${'\\(a'.repeat(300_000)}\n`, ARITHMATEX);
    expect(html).toBe(`<p>${'(a'.repeat(300_000)}</p>\n`);
  });

  it('renders math after an opener left unclosed: of the other kind, and in the next paragraph', () => {
    const { html } = renderMarkdown('\\(a $b$\n\n\\(c\\) $d\n', ARITHMATEX);
    expect(html).toMatch(
      /^<p>\(a <span class="arithmatex">.*<mi>b<\/mi>.*<\/span><\/p>\n<p><span class="arithmatex">.*<mi>c<\/mi>.*<\/span> \$d<\/p>\n$/,
    );
  });

  it('renders nothing when mkdocs.yml does not list it', () => {
    const { html, warnings } = renderMarkdown('$x^2$\n\n$$\nx\n$$\n');
    expect(html).toBe('<p>$x^2$</p>\n<p>$$\nx\n$$</p>\n');
    expect(warnings).toEqual([]);
  });
});
