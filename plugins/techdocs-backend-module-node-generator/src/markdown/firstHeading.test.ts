import { firstHeading } from './firstHeading';

describe('firstHeading', () => {
  it('reads the first `# Title` line, without its closing hashes', () => {
    expect(
      firstHeading('Intro\n\n## Sub\n\n#   Getting  started ##  \r\n# Later\n'),
    ).toBe('Getting  started');
    expect(firstHeading('#\tTabbed\n')).toBe('Tabbed');
  });

  it('is none without one: `#` alone and `#Title` are no heading', () => {
    expect(firstHeading('#\nText\n#Title\n## Sub\n')).toBeUndefined();
  });

  it('skips fenced code, where `#` starts a comment', () => {
    expect(
      firstHeading(
        '```bash\n# install it\nnpm i\n```\n\n~~~~\n# not either\n~~~\n~~~~\n# Usage\n',
      ),
    ).toBe('Usage');
  });

  it('reads a heading with a long run of spaces in one pass', () => {
    // The regular expression this replaced took minutes on this line.
    const spaces = ' '.repeat(20_000);
    expect(firstHeading(`# a${spaces}b${spaces}#${spaces}\n`)).toBe(
      `a${spaces}b`,
    );
  });
});
