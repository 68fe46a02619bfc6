import { pageOutputFile, pageUrl } from './paths';

describe('page URLs', () => {
  it('are directory URLs, index and README pages being their folder', () => {
    expect(pageUrl('index.md')).toBe('');
    expect(pageUrl('guide.md')).toBe('guide/');
    expect(pageUrl('a/index.md')).toBe('a/');
    expect(pageUrl('a/README.md')).toBe('a/');
    expect(pageOutputFile('a/b.md')).toBe('a/b/index.html');
  });

  it('are percent-encoded as MkDocs writes them, while the output file keeps its name', () => {
    const name = 'x" onmouseover="alert(1) <b>.md';
    expect(pageUrl(name)).toBe(
      'x%22%20onmouseover%3D%22alert%281%29%20%3Cb%3E/',
    );
    expect(pageOutputFile(name)).toBe(
      'x" onmouseover="alert(1) <b>/index.html',
    );
    expect(pageUrl("guides/it's done!.md")).toBe('guides/it%27s%20done%21/');
  });
});
