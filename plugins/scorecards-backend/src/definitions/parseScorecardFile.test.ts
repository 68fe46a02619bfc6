import fs from 'node:fs';
import path from 'node:path';
import { knownFacts } from './knownFacts';
import { parseScorecardFile } from './parseScorecardFile';
import { CatalogFactProvider } from '../providers/CatalogFactProvider';
import { RepositoryFactProvider } from '../providers/RepositoryFactProvider';
import { DocsFactProvider } from '../providers/DocsFactProvider';

const builtInFacts = knownFacts([
  new CatalogFactProvider({} as any, {} as any),
  new RepositoryFactProvider({} as any),
  new DocsFactProvider({} as any),
]);

const card = (checks: string, extra = '') => `
id: sample
title: Sample
${extra}
levels:
  - id: bronze
    title: Bronze
    checks:
${checks}
`;
const check = (id: string, condition: string) => `
      - id: ${id}
        title: Check ${id}
        fix: Do the thing.
        condition: ${condition}
`;

describe('parseScorecardFile', () => {
  it('loads a scorecard with its levels, checks and the facts each check reads', () => {
    const result = parseScorecardFile(
      'sample.yaml',
      card(
        check('a', "{ '==': [{ var: catalog.hasOwner }, true] }") +
          check(
            'b',
            "{ and: [{ '>=': [{ var: docs.pageCount }, 3] }, { some: [{ var: catalog.tags }, { '==': [{ var: '' }, go] }] }] }",
          ),
        'appliesTo: { kind: [Component] }',
      ),
      builtInFacts,
    );
    expect(result.errors).toEqual([]);
    expect(result.scorecard).toMatchObject({
      id: 'sample',
      appliesTo: { kind: ['Component'] },
      levels: [{ id: 'bronze', title: 'Bronze' }],
      checks: [
        {
          id: 'a',
          level: 'bronze',
          fix: 'Do the thing.',
          facts: ['catalog.hasOwner'],
        },
        { id: 'b', facts: ['docs.pageCount', 'catalog.tags'] },
      ],
      file: 'sample.yaml',
    });
  });

  it('reports a YAML error with the file', () => {
    const result = parseScorecardFile(
      'broken.yaml',
      'id: [unclosed\n',
      builtInFacts,
    );
    expect(result.scorecard).toBeUndefined();
    expect(result.errors).toEqual([
      { file: 'broken.yaml', message: expect.stringMatching(/^YAML error: /) },
    ]);
  });

  it('reports a shape problem with the scorecard, the check and the path', () => {
    const result = parseScorecardFile(
      'shape.yaml',
      card(`
      - id: no-condition
        title: Missing its condition
`),
      builtInFacts,
    );
    expect(result.errors).toEqual([
      {
        file: 'shape.yaml',
        scorecard: 'sample',
        check: 'no-condition',
        message: expect.stringMatching(
          /^levels\.0\.checks\.0\.condition: must be a JsonLogic condition/,
        ),
      },
    ]);
  });

  it('reports an unknown fact, naming the facts its provider has', () => {
    const result = parseScorecardFile(
      'facts.yaml',
      card(check('typo', "{ '==': [{ var: catalog.hasOwnr }, true] }")),
      builtInFacts,
    );
    expect(result.errors).toEqual([
      {
        file: 'facts.yaml',
        scorecard: 'sample',
        check: 'typo',
        message: expect.stringMatching(
          /^unknown fact 'catalog\.hasOwnr' \(known catalog facts: catalog\.kind, .*catalog\.hasOwner/,
        ),
      },
    ]);
    expect(
      parseScorecardFile(
        'p.yaml',
        card(check('x', "{ '==': [{ var: pagerduty.service }, 1] }")),
        builtInFacts,
      ).errors[0].message,
    ).toBe(
      "unknown fact 'pagerduty.service' (known providers: catalog, repository, docs)",
    );
  });

  it("reports an unknown operator, and json-logic-js' log is not allowed", () => {
    const result = parseScorecardFile(
      'ops.yaml',
      card(
        check('eval', "{ eval: ['process.exit()'] }") +
          check('log', '{ log: [{ var: catalog.kind }] }'),
      ),
      builtInFacts,
    );
    expect(result.errors.map(e => [e.check, e.message])).toEqual([
      ['eval', "unknown operator 'eval'"],
      ['log', "unknown operator 'log'"],
    ]);
  });

  it('rejects a condition that is not one operation, which would always pass', () => {
    const result = parseScorecardFile(
      'loose.yaml',
      card(
        check('empty', '{}') +
          check(
            'two-keys',
            "{ '==': [{ var: catalog.hasOwner }, true], typo: 1 }",
          ) +
          check(
            'computed',
            "{ '==': [{ var: { cat: [catalog., hasOwner] } }, true] }",
          ),
      ),
      builtInFacts,
    );
    expect(result.errors.map(e => [e.check, e.message])).toEqual([
      [
        'empty',
        expect.stringMatching(/^the condition must be one JsonLogic operation/),
      ],
      [
        'empty',
        'an object in the condition must be one operation, found an empty object',
      ],
      [
        'two-keys',
        expect.stringMatching(/^the condition must be one JsonLogic operation/),
      ],
      [
        'two-keys',
        'an object in the condition must be one operation, found keys ==, typo',
      ],
      ['computed', 'fact names in var must be written out, not computed'],
    ]);
  });

  it('reports a duplicate check id', () => {
    const result = parseScorecardFile(
      'dup.yaml',
      card(
        check('same', "{ '==': [{ var: catalog.hasOwner }, true] }") +
          check('same', "{ '==': [{ var: catalog.hasTitle }, true] }"),
      ),
      builtInFacts,
    );
    expect(result.errors).toEqual([
      {
        file: 'dup.yaml',
        scorecard: 'sample',
        check: 'same',
        message: "duplicate check id 'same'",
      },
    ]);
  });

  it.each(fs.readdirSync(path.resolve(__dirname, '../../../../scorecards')))(
    'loads the shipped scorecard %s against the built-in facts',
    file => {
      const full = path.resolve(__dirname, '../../../../scorecards', file);
      const result = parseScorecardFile(
        full,
        fs.readFileSync(full, 'utf8'),
        builtInFacts,
      );
      expect(result.errors).toEqual([]);
      expect(result.scorecard!.levels.map(l => l.id)).toEqual([
        'bronze',
        'silver',
        'gold',
      ]);
    },
  );
});
