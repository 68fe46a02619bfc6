import { Entity } from '@backstage/catalog-model';
import { JsonValue } from '@backstage/types';

/**
 * What a fact holds. A provider's value of another type makes the checks that
 * read the fact errors, naming the fact and both types; a missing or null
 * value is "not set".
 */
export type FactType = 'boolean' | 'number' | 'string' | 'array';

/** A fact a provider supplies, named `<provider id>.<fact name>` in conditions. */
export interface FactDefinition {
  /** The type every value of the fact has. */
  type: FactType;
  description: string;
}

/** An entity's facts from one provider, or why they could not be had. */
export type EntityFacts = Record<string, JsonValue> | Error;

/**
 * Supplies facts about catalog entities, which scorecard checks test. A
 * provider is asked for a batch of entities at once, so it can fetch what it
 * needs in a few calls; scorecards only ask for entities whose checks use its
 * facts.
 */
export interface FactProvider {
  /** Prefix of this provider's facts in conditions, e.g. `catalog`. */
  id: string;
  facts: Record<string, FactDefinition>;
  /**
   * How long one batch may take before its entities' checks are marked as
   * errors (default 10 000 ms).
   */
  timeoutMs?: number;
  /**
   * The facts of each entity, keyed by its entity ref. An entity left out, or
   * given an Error, has its checks on this provider's facts marked as errors
   * with that reason; throwing does that for the whole batch.
   */
  getFacts(
    entities: Entity[],
    options: { signal: AbortSignal },
  ): Promise<Map<string, EntityFacts>>;
}
