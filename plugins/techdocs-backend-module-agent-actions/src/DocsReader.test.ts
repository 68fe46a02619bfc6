import { normalPath } from './DocsReader';

describe('normalPath', () => {
  it.each([
    ['', ''],
    ['/', ''],
    ['index', ''],
    ['index.md', ''],
    ['runbook', 'runbook'],
    ['/runbook/', 'runbook'],
    ['runbook.md', 'runbook'],
    ['guides/setup/index.md', 'guides/setup'],
    ['guides/./setup/', 'guides/setup'],
    ['runbook/#restart', 'runbook'],
  ])('reads %j as the page %j', (written, page) => {
    expect(normalPath(written)).toBe(page);
  });

  it.each(['../other', 'a/../../b', 'a\\b'])(
    'refuses %j, which leaves the site',
    written => {
      expect(() => normalPath(written)).toThrow(
        `The page '${written}' is outside the docs site`,
      );
    },
  );
});
