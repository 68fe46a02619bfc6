import { FactDefinition, FactProvider } from '@internal/plugin-scorecards-node';

/** Every fact the providers supply, by the name conditions use: `<provider id>.<fact>`. */
export function knownFacts(
  providers: FactProvider[],
): Map<string, FactDefinition> {
  return new Map(
    providers.flatMap(provider =>
      Object.entries(provider.facts).map(
        ([name, definition]) => [`${provider.id}.${name}`, definition] as const,
      ),
    ),
  );
}
