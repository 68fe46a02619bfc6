import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';
import { CheckResult } from '@internal/plugin-scorecards-common';
import {
  EntityFacts,
  FactDefinition,
  FactProvider,
  FactType,
} from '@internal/plugin-scorecards-node';
import jsonLogic from 'json-logic-js';
import { describeCondition } from '../definitions/conditions';
import { knownFacts } from '../definitions/knownFacts';
import { LoadedScorecard } from '../definitions/types';
import { withTimeout } from '../lib/async';
import { appliesTo, ownerRef, systemRef } from './appliesTo';
import { ProviderFailures } from './ProviderFailures';

const DEFAULT_TIMEOUT_MS = 10_000;

/** One entity's result on one scorecard, ready to store. */
export interface Evaluation {
  entityRef: string;
  scorecardId: string;
  level: string | null;
  levelIndex: number;
  passed: number;
  total: number;
  checks: CheckResult[];
  /** Hash of the scorecard definition it was evaluated against. */
  definitionHash: string;
  ownerRef: string | null;
  systemRef: string | null;
}

/**
 * Evaluates entities against scorecards: gathers the facts their checks need
 * from the providers, in one batch per provider, and applies each check's
 * condition. A provider that fails or runs out of time makes the checks on
 * its facts errors, never passes or failures; it logs nothing itself, but
 * counts such failures in the caller's {@link ProviderFailures}.
 */
export class Evaluator {
  private readonly providers: Map<string, FactProvider>;
  private readonly facts: Map<string, FactDefinition>;

  constructor(providers: FactProvider[]) {
    this.providers = new Map(providers.map(p => [p.id, p]));
    this.facts = knownFacts(providers);
  }

  /**
   * Evaluates the entities against the scorecards that apply to them; the
   * entities a provider failed for are counted in `failures`.
   */
  async evaluate(
    entities: Entity[],
    scorecards: LoadedScorecard[],
    failures: ProviderFailures = new ProviderFailures(),
  ): Promise<Evaluation[]> {
    const applicable = entities.map(entity => ({
      entity,
      ref: stringifyEntityRef(entity),
      scorecards: scorecards.filter(s => appliesTo(s.appliesTo, entity)),
    }));

    const facts = new Map<string, Map<string, EntityFacts>>();
    for (const [id, provider] of this.providers) {
      const wanted = applicable
        .filter(a =>
          a.scorecards.some(s =>
            s.checks.some(c => c.facts.some(f => f.startsWith(`${id}.`))),
          ),
        )
        .map(a => a.entity);
      if (wanted.length > 0) {
        failures.asked(id);
        facts.set(id, await this.gather(provider, wanted));
      }
    }

    const evaluations: Evaluation[] = [];
    for (const { entity, ref, scorecards: cards } of applicable) {
      const data: Record<string, JsonValue> = {};
      const failed = new Map<string, string>();
      for (const [id, byEntity] of facts) {
        const entityFacts = byEntity.get(ref);
        if (entityFacts instanceof Error) {
          failed.set(id, entityFacts.message);
          failures.add(id, ref, entityFacts.message);
        } else if (entityFacts) data[id] = entityFacts;
      }
      for (const scorecard of cards) {
        evaluations.push(
          this.score(scorecard, ref, data, failed, {
            ownerRef: ownerRef(entity) ?? null,
            systemRef: systemRef(entity) ?? null,
          }),
        );
      }
    }
    return evaluations;
  }

  private score(
    scorecard: LoadedScorecard,
    entityRef: string,
    data: Record<string, JsonValue>,
    failures: Map<string, string>,
    refs: { ownerRef: string | null; systemRef: string | null },
  ): Evaluation {
    const checks: CheckResult[] = scorecard.checks.map(check => {
      for (const fact of check.facts) {
        const provider = fact.split('.')[0];
        const failure = failures.get(provider);
        if (failure) {
          return {
            checkId: check.id,
            status: 'error',
            reason: `fact provider '${provider}' failed: ${failure}`,
          };
        }
      }
      for (const fact of check.facts) {
        const wrong = wrongType(fact, this.facts.get(fact), read(data, fact));
        if (wrong) return { checkId: check.id, status: 'error', reason: wrong };
      }
      try {
        if (jsonLogic.truthy(jsonLogic.apply(check.condition as any, data))) {
          return { checkId: check.id, status: 'pass' };
        }
        return {
          checkId: check.id,
          status: 'fail',
          reason: failureReason(check.condition, check.facts, data),
        };
      } catch (e) {
        return {
          checkId: check.id,
          status: 'error',
          reason: `condition could not be evaluated: ${(e as Error).message}`,
        };
      }
    });

    let levelIndex = -1;
    for (const [i, level] of scorecard.levels.entries()) {
      const ofLevel = scorecard.checks
        .map((c, j) => ({ c, r: checks[j] }))
        .filter(({ c }) => c.level === level.id);
      if (ofLevel.some(({ r }) => r.status !== 'pass')) break;
      levelIndex = i;
    }

    return {
      entityRef,
      scorecardId: scorecard.id,
      level: levelIndex >= 0 ? scorecard.levels[levelIndex].id : null,
      levelIndex,
      passed: checks.filter(c => c.status === 'pass').length,
      total: checks.length,
      checks,
      definitionHash: scorecard.hash,
      ...refs,
    };
  }

  private async gather(
    provider: FactProvider,
    entities: Entity[],
  ): Promise<Map<string, EntityFacts>> {
    const timeoutMs = provider.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    let result: Map<string, EntityFacts>;
    try {
      result = await withTimeout(
        signal => provider.getFacts(entities, { signal }),
        timeoutMs,
        `timed out after ${timeoutMs} ms`,
      );
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      result = new Map(entities.map(en => [stringifyEntityRef(en), error]));
    }
    for (const entity of entities) {
      const ref = stringifyEntityRef(entity);
      if (!result.has(ref)) {
        result.set(ref, new Error(`gave no facts for ${ref}`));
      }
    }
    return result;
  }
}

const article = (type: string) =>
  `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;

/**
 * Why a provider's value of a fact does not have the fact's declared type, or
 * nothing when it does (or is not set: conditions see that as null).
 */
function wrongType(
  fact: string,
  definition: FactDefinition | undefined,
  value: JsonValue | undefined,
): string | undefined {
  if (!definition || value === undefined || value === null) return undefined;
  const actual: FactType | string = Array.isArray(value)
    ? 'array'
    : typeof value;
  if (actual === definition.type) return undefined;
  return `fact ${fact} should be ${article(
    definition.type,
  )} but the provider gave ${article(actual)}: ${JSON.stringify(value)}`;
}

/** Why a condition does not hold: what it expects, and the facts it read. */
function failureReason(
  condition: JsonValue,
  facts: string[],
  data: Record<string, JsonValue>,
): string {
  const values = facts.map(
    f => `${f} is ${JSON.stringify(read(data, f)) ?? 'not set'}`,
  );
  return `expected ${describeCondition(condition)}${
    values.length ? `; ${values.join(', ')}` : ''
  }`;
}

function read(
  data: Record<string, JsonValue>,
  fact: string,
): JsonValue | undefined {
  let value: any = data;
  for (const part of fact.split('.')) value = value?.[part];
  return value;
}
