import { renderMarkdown } from './__testUtils__/renderMarkdown';

describe('pymdownx.keys quoted keys', () => {
  it('reads backslashes in quoted keys as pymdownx does', () => {
    const { html } = renderMarkdown(
      `${String.raw`++"a\"b"++ ++"a\"++ ++ctrl+'x\'++ ++"a\\"+del++`}\n`,
      ['pymdownx.keys'],
    );
    expect(html).toBe(
      '<p><span class="keys"><kbd>a&quot;b</kbd></span>' +
        ' <span class="keys"><kbd>a\\</kbd></span>' +
        ' <span class="keys"><kbd class="key-control">Ctrl</kbd><span>+</span><kbd>x\\</kbd></span>' +
        ' <span class="keys"><kbd>a\\</kbd><span>+</span><kbd class="key-delete">Del</kbd></span></p>\n',
    );
  });

  it('keeps a quoted key that never closes as written, however many backslashes it has', () => {
    const text = `++"${'a\\'.repeat(40)} and ++'${'a\\'.repeat(40)} end`;
    const { html } = renderMarkdown(`${text}\n`, ['pymdownx.keys']);
    expect(html).toBe(`<p>${text.replace(/"/g, '&quot;')}</p>\n`);
  });
});
