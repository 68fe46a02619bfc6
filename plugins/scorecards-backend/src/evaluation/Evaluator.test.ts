import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { FactProvider } from '@internal/plugin-scorecards-node';
import { LoadedScorecard } from '../definitions/types';
import { Evaluator } from './Evaluator';
import { ProviderFailures } from './ProviderFailures';

const entity = (name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
  spec: { type: 'service', owner: 'team-a', system: 'shop', ...spec },
});

const scorecard: LoadedScorecard = {
  id: 'ready',
  title: 'Ready',
  file: 'ready.yaml',
  hash: 'v1',
  appliesTo: { kind: ['Component'], type: ['service'] },
  levels: [
    { id: 'bronze', title: 'Bronze' },
    { id: 'silver', title: 'Silver' },
  ],
  checks: [
    {
      id: 'owned',
      title: 'Owned',
      level: 'bronze',
      condition: { '==': [{ var: 'facts.owned' }, true] },
      facts: ['facts.owned'],
    },
    {
      id: 'prod',
      title: 'In production',
      level: 'silver',
      condition: { '==': [{ var: 'facts.lifecycle' }, 'production'] },
      facts: ['facts.lifecycle'],
    },
    {
      id: 'ci',
      title: 'Has CI',
      level: 'silver',
      condition: { '==': [{ var: 'repo.ci' }, true] },
      facts: ['repo.ci'],
    },
  ],
};

const specFacts: FactProvider = {
  id: 'facts',
  facts: {
    owned: { type: 'boolean', description: '' },
    lifecycle: { type: 'string', description: '' },
  },
  async getFacts(entities) {
    return new Map(
      entities.map(e => [
        stringifyEntityRef(e),
        {
          owned: Boolean((e.spec as any).owner),
          lifecycle: (e.spec as any).lifecycle ?? '',
        },
      ]),
    );
  },
};

const repo = (
  getFacts: FactProvider['getFacts'],
  timeoutMs?: number,
): FactProvider => ({
  id: 'repo',
  facts: { ci: { type: 'boolean', description: '' } },
  timeoutMs,
  getFacts,
});
const allCi = repo(
  async entities =>
    new Map(entities.map(e => [stringifyEntityRef(e), { ci: true }])),
);

describe('Evaluator', () => {
  it('passes and fails checks, with the reason, and reaches the highest level whose checks and lower ones all pass', async () => {
    const evaluator = new Evaluator([specFacts, allCi]);
    const [gold, bronze] = await evaluator.evaluate(
      [
        entity('a', { lifecycle: 'production' }),
        entity('b', { lifecycle: 'experimental' }),
      ],
      [scorecard],
    );
    expect(gold).toMatchObject({
      entityRef: 'component:default/a',
      level: 'silver',
      levelIndex: 1,
      passed: 3,
      total: 3,
      ownerRef: 'group:default/team-a',
      systemRef: 'system:default/shop',
    });
    expect(bronze).toMatchObject({ level: 'bronze', levelIndex: 0, passed: 2 });
    expect(bronze.checks[1]).toEqual({
      checkId: 'prod',
      status: 'fail',
      reason:
        'expected facts.lifecycle == "production"; facts.lifecycle is "experimental"',
    });
  });

  it('reaches no level when a lowest-level check fails, even if higher ones pass', async () => {
    const [result] = await new Evaluator([specFacts, allCi]).evaluate(
      [entity('c', { owner: undefined, lifecycle: 'production' })],
      [scorecard],
    );
    expect(result).toMatchObject({ level: null, levelIndex: -1, passed: 2 });
  });

  it('evaluates only entities the scorecard applies to', async () => {
    const results = await new Evaluator([specFacts, allCi]).evaluate(
      [entity('lib', { type: 'library' }), { ...entity('api'), kind: 'API' }],
      [scorecard],
    );
    expect(results).toEqual([]);
  });

  it('marks the checks on a throwing provider as errors with the reason, and still evaluates the others', async () => {
    const broken = repo(async () => {
      throw new Error('GitHub answered 502');
    });
    const [result] = await new Evaluator([specFacts, broken]).evaluate(
      [entity('d', { lifecycle: 'production' })],
      [scorecard],
    );
    expect(result.checks).toEqual([
      { checkId: 'owned', status: 'pass' },
      { checkId: 'prod', status: 'pass' },
      {
        checkId: 'ci',
        status: 'error',
        reason: "fact provider 'repo' failed: GitHub answered 502",
      },
    ]);
    expect(result.level).toBe('bronze');
  });

  it("counts the entities a provider failed for in the caller's tally, with the first reason", async () => {
    const broken = repo(async () => {
      throw new Error('GitHub answered 502');
    });
    const failures = new ProviderFailures();
    const evaluator = new Evaluator([specFacts, broken]);
    await evaluator.evaluate(
      [entity('d1'), entity('d2')],
      [scorecard],
      failures,
    );
    await evaluator.evaluate([entity('d3')], [scorecard], failures);

    expect(failures.providers()).toEqual(['repo']);
    expect(failures.worked('facts')).toBe(true);
    expect(failures.worked('repo')).toBe(false);
    expect(failures.describe()).toBe(
      "fact provider 'repo' failed for 3 entities (component:default/d1: GitHub answered 502)",
    );
  });

  it('marks the checks of a provider that times out as errors, and aborts it', async () => {
    let aborted = false;
    const slow = repo(
      (_entities, { signal }) =>
        new Promise(() => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
        }),
      50,
    );
    const [result] = await new Evaluator([specFacts, slow]).evaluate(
      [entity('e', { lifecycle: 'production' })],
      [scorecard],
    );
    expect(result.checks[2]).toEqual({
      checkId: 'ci',
      status: 'error',
      reason: "fact provider 'repo' failed: timed out after 50 ms",
    });
    expect(aborted).toBe(true);
  });

  it('marks an entity a provider gave an Error, or left out, as an error for that entity only', async () => {
    const partial = repo(
      async entities =>
        new Map<string, any>([
          [
            stringifyEntityRef(entities[0]),
            new Error('no repository at that URL'),
          ],
          [stringifyEntityRef(entities[2]), { ci: true }],
        ]),
    );
    const results = await new Evaluator([specFacts, partial]).evaluate(
      [entity('f'), entity('g'), entity('h')],
      [scorecard],
    );
    expect(results.map(r => r.checks[2])).toEqual([
      {
        checkId: 'ci',
        status: 'error',
        reason: "fact provider 'repo' failed: no repository at that URL",
      },
      {
        checkId: 'ci',
        status: 'error',
        reason:
          "fact provider 'repo' failed: gave no facts for component:default/g",
      },
      { checkId: 'ci', status: 'pass' },
    ]);
  });

  it('makes a check error when a provider gives a fact of another type than it declares, naming the fact and both types', async () => {
    const stringCi = repo(
      async entities =>
        new Map(entities.map(e => [stringifyEntityRef(e), { ci: 'yes' }])),
    );
    const [result] = await new Evaluator([specFacts, stringCi]).evaluate(
      [entity('t', { lifecycle: 'production' })],
      [scorecard],
    );
    expect(result.checks).toEqual([
      { checkId: 'owned', status: 'pass' },
      { checkId: 'prod', status: 'pass' },
      {
        checkId: 'ci',
        status: 'error',
        reason:
          'fact repo.ci should be a boolean but the provider gave a string: "yes"',
      },
    ]);
    expect(result.level).toBe('bronze');
  });

  it('takes a missing fact as not set, not as the wrong type', async () => {
    const noCi = repo(
      async entities => new Map(entities.map(e => [stringifyEntityRef(e), {}])),
    );
    const [result] = await new Evaluator([specFacts, noCi]).evaluate(
      [entity('u', { lifecycle: 'production' })],
      [scorecard],
    );
    expect(result.checks[2]).toEqual({
      checkId: 'ci',
      status: 'fail',
      reason: 'expected repo.ci == true; repo.ci is not set',
    });
  });
});
