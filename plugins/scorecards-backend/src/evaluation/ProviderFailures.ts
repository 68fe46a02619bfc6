/**
 * The entities each fact provider failed for during one pass (a full run, or
 * one batch of changed entities), so the pass logs them in one line instead
 * of one per entity or per page.
 */
export class ProviderFailures {
  readonly #byProvider = new Map<
    string,
    { entities: number; example: { entityRef: string; reason: string } }
  >();

  readonly #asked = new Set<string>();

  /** Records that the provider was asked for facts in this pass. */
  asked(providerId: string): void {
    this.#asked.add(providerId);
  }

  /** Whether the provider was asked for facts and gave them for every entity. */
  worked(providerId: string): boolean {
    return this.#asked.has(providerId) && !this.#byProvider.has(providerId);
  }

  /** Counts one entity the provider gave no facts for, and why. */
  add(providerId: string, entityRef: string, reason: string): void {
    const seen = this.#byProvider.get(providerId);
    if (seen) {
      seen.entities += 1;
    } else {
      this.#byProvider.set(providerId, {
        entities: 1,
        example: { entityRef, reason },
      });
    }
  }

  /** The providers that failed for at least one entity. */
  providers(): string[] {
    return [...this.#byProvider.keys()];
  }

  /** The providers that failed, each with its count and first reason. */
  describe(): string {
    return [...this.#byProvider]
      .map(
        ([id, { entities, example }]) =>
          `fact provider '${id}' failed for ${entities} ${
            entities === 1 ? 'entity' : 'entities'
          } (${example.entityRef}: ${example.reason})`,
      )
      .join('; ');
  }
}
