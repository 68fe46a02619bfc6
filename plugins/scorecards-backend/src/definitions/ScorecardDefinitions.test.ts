import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import { FactDefinition } from '@internal/plugin-scorecards-node';
import { ScorecardDefinitions } from './ScorecardDefinitions';

const facts = new Map<string, FactDefinition>([
  ['catalog.hasOwner', { type: 'boolean', description: '' }],
]);
const card = (
  id: string,
  condition = "{ '==': [{ var: catalog.hasOwner }, true] }",
  title = id,
) =>
  `id: ${id}\ntitle: ${title}\nlevels:\n  - id: one\n    title: One\n    checks:\n      - id: owned\n        title: Owned\n        condition: ${condition}\n`;

describe('ScorecardDefinitions', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scorecard-defs-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (file: string, text: string) =>
    fs.writeFileSync(path.join(dir, file), text);

  it('loads every file, reports the broken ones by file, and keeps the last good version of a file that breaks', () => {
    write('a.yaml', card('alpha'));
    write('b.yaml', card('beta'));
    write('c.yaml', card('alpha'));
    write(
      'bomb.yaml',
      `a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n`,
    );
    const logger = mockServices.logger.mock();
    const definitions = new ScorecardDefinitions({
      paths: [dir],
      facts,
      logger,
    });

    definitions.load();
    expect(definitions.list().map(s => s.id)).toEqual(['alpha', 'beta']);
    expect(definitions.problems()).toEqual([
      {
        file: path.join(dir, 'bomb.yaml'),
        message: expect.stringMatching(/^YAML error: .*alias/i),
      },
      {
        file: path.join(dir, 'c.yaml'),
        scorecard: 'alpha',
        message: `duplicate scorecard id 'alpha', already defined in ${path.join(
          dir,
          'a.yaml',
        )}`,
      },
    ]);
    expect(logger.error).toHaveBeenCalledWith(
      `Scorecards: ${path.join(
        dir,
        'c.yaml',
      )}: scorecard 'alpha': duplicate scorecard id 'alpha', already defined in ${path.join(
        dir,
        'a.yaml',
      )}`,
    );

    // b.yaml changes to a second good version, then breaks: the second
    // version stays (not the first, not the broken one), and the problem is
    // named.
    write(
      'b.yaml',
      card('beta', "{ '!=': [{ var: catalog.hasOwner }, false] }", 'Beta 2'),
    );
    expect(definitions.load()).toBe(true);
    const lastGood = definitions.get('beta')!;
    expect(lastGood.title).toBe('Beta 2');
    expect(lastGood.checks.map(c => c.condition)).toEqual([
      { '!=': [{ var: 'catalog.hasOwner' }, false] },
    ]);

    write(
      'b.yaml',
      card('beta', "{ '==': [{ var: catalog.hasOwnr }, true] }", 'Beta 3'),
    );
    expect(definitions.load()).toBe(false);
    expect(definitions.get('beta')).toEqual(lastGood);
    expect(definitions.list().map(s => s.id)).toEqual(['alpha', 'beta']);
    expect(definitions.problems()).toContainEqual(
      expect.objectContaining({
        file: path.join(dir, 'b.yaml'),
        scorecard: 'beta',
        check: 'owned',
        message: expect.stringMatching(/^unknown fact 'catalog.hasOwnr'/),
      }),
    );
    expect(logger.warn).toHaveBeenCalledWith(
      `Scorecards: keeping the last good version of ${path.join(
        dir,
        'b.yaml',
      )} until its problems are fixed`,
    );
    // Still broken on the next load: still the last good version.
    expect(definitions.load()).toBe(false);
    expect(definitions.get('beta')).toEqual(lastGood);

    // Fixed again, the fixed version replaces it.
    write(
      'b.yaml',
      card('beta', "{ '==': [{ var: catalog.hasOwner }, true] }", 'Beta 4'),
    );
    expect(definitions.load()).toBe(true);
    expect(definitions.get('beta')?.title).toBe('Beta 4');
    expect(definitions.problems()).not.toContainEqual(
      expect.objectContaining({ file: path.join(dir, 'b.yaml') }),
    );
  });

  it('reloads when a file changes', async () => {
    write('a.yaml', card('alpha'));
    const onChange = jest.fn();
    const definitions = new ScorecardDefinitions({
      paths: [path.join(dir, 'a.yaml')],
      facts,
      logger: mockServices.logger.mock(),
      onChange,
    });
    definitions.load();
    definitions.watch();
    try {
      write('a.yaml', card('alpha-two'));
      for (let i = 0; i < 50 && !onChange.mock.calls.length; i++) {
        await new Promise(r => setTimeout(r, 100));
      }
      expect(onChange).toHaveBeenCalled();
      expect(definitions.list().map(s => s.id)).toEqual(['alpha-two']);
    } finally {
      definitions.close();
    }
  });
});
