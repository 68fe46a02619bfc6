/* eslint-disable no-script-url */
import { isScriptUrl, isWebUrl } from './urls';

describe('isScriptUrl', () => {
  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'javascript://%0aalert(1)',
    'java%09script:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'data:image/svg+xml,<svg onload=alert(1)>',
  ])('refuses %j, as pages refuse it in links', url => {
    expect(isScriptUrl(url)).toBe(true);
  });

  it.each([
    'https://example.com/',
    'page.md',
    '../a/',
    'mailto:a@b.c',
    'data:image/png;base64,AAAA',
  ])('keeps %j', url => {
    expect(isScriptUrl(url)).toBe(false);
  });
});

describe('isWebUrl', () => {
  it('is an absolute http(s) URL only', () => {
    expect(isWebUrl('https://github.com/o/r')).toBe(true);
    expect(isWebUrl('javascript://%0aalert(1)')).toBe(false);
    expect(isWebUrl('https:/github.com')).toBe(false);
  });
});
