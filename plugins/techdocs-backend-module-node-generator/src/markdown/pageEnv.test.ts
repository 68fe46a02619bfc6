import { TrustedFragments } from './pageEnv';

describe('TrustedFragments', () => {
  it('puts each fragment back where its placeholder stands for a node', () => {
    const trusted = new TrustedFragments();
    const svg = trusted.add('<svg viewBox="0 0 1 1"></svg>');
    const close = trusted.add('</div>');
    expect(trusted.restore(`<p>a ${svg} b</p>${close}`)).toBe(
      '<p>a <svg viewBox="0 0 1 1"></svg> b</p></div>',
    );
  });

  it('drops a placeholder inside a tag, where its markup would end the attribute', () => {
    const trusted = new TrustedFragments();
    const icon = trusted.add('<span class="twemoji" style="position:fixed">');
    expect(
      trusted.restore(`<div title="x ${icon} y"><p>${icon}</p></div>`),
    ).toBe(
      '<div title="x  y"><p><span class="twemoji" style="position:fixed"></p></div>',
    );
  });

  it('restores many placeholders in a long text in linear time', () => {
    const trusted = new TrustedFragments();
    const parts: string[] = [];
    for (let i = 0; i < 20_000; i++) parts.push(trusted.add('<b></b>'));
    const started = Date.now();
    const html = trusted.restore(`<p>${parts.join('x'.repeat(100))}</p>`);
    expect(Date.now() - started).toBeLessThan(500);
    expect(html.match(/<b><\/b>/g)).toHaveLength(20_000);
  });
});
